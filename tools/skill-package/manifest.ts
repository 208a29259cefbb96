/** skill-package/skill.json: the ASK CLI v2 / SMAPI skill manifest. */
import { iconUri } from '../images/skill-icons';
import { TASKS } from './tasks';
import { LOCALE_COUNTRY, LOCALES, localeSpelling } from './locales';
import {
  DESCRIPTION,
  EXAMPLE_PHRASES,
  KEYWORDS,
  PRIVACY_POLICY_URL,
  SKILL_NAME,
  SUMMARY,
  TERMS_OF_USE_URL,
  TESTING_INSTRUCTIONS,
} from './publishing';

/** deploy tooling replaces this with the real Lambda ARN. */
export const PLACEHOLDER_ENDPOINT_URI = 'arn:aws:lambda:us-east-1:000000000000:function:spine-nidra-placeholder';

export const CATEGORY = 'HEALTH_AND_FITNESS';

/** Echo Show (rectangular) and Echo Spot (round) screens: the devices that sit by a bed or a mat. */
export const SUPPORTED_VIEWPORTS = [
  { mode: 'HUB', shape: 'RECTANGLE' },
  { mode: 'HUB', shape: 'ROUND' },
];

export function buildSkillManifest() {
  return {
    manifest: {
      publishingInformation: {
        locales: Object.fromEntries(
          LOCALES.map((locale) => [
            locale,
            {
              name: SKILL_NAME,
              smallIconUri: iconUri('small'),
              largeIconUri: iconUri('large'),
              summary: localeSpelling(locale, SUMMARY),
              description: localeSpelling(locale, DESCRIPTION),
              examplePhrases: [...EXAMPLE_PHRASES],
              keywords: KEYWORDS.map((keyword) => localeSpelling(locale, keyword)),
            },
          ]),
        ),
        isAvailableWorldwide: false,
        distributionCountries: LOCALES.map((locale) => LOCALE_COUNTRY[locale]),
        testingInstructions: TESTING_INSTRUCTIONS,
        category: CATEGORY,
      },
      apis: {
        custom: {
          endpoint: { uri: PLACEHOLDER_ENDPOINT_URI },
          // APL: a screen gets a simple page (lambda/skill/screen.ts) when playback starts or moves.
          // CanFulfillIntentRequest: Alexa (Alexa+ above all) asks before routing an utterance here (handlers/can-fulfill.ts).
          interfaces: [
            { type: 'AUDIO_PLAYER' },
            { type: 'ALEXA_PRESENTATION_APL', supportedViewports: SUPPORTED_VIEWPORTS },
            { type: 'CAN_FULFILL_INTENT_REQUEST' },
          ],
          // A routine starts the practice through this task (lambda/core/routine.ts, tools/skill-package/tasks.ts).
          tasks: TASKS,
        },
      },
      // The once-offered daily practice reminder (lambda/skill/handlers/bedtime-offer.ts).
      permissions: [{ name: 'alexa::alerts:reminders:skill:readwrite' }],
      // Alexa tells the skill when a listener disables it; their data is erased then (handlers/forget.ts).
      events: {
        endpoint: { uri: PLACEHOLDER_ENDPOINT_URI },
        subscriptions: [{ eventName: 'SKILL_DISABLED' }],
      },
      // Reviewed against what the skill does (issue 17); the pages are tools/legal/content.ts.
      privacyAndCompliance: {
        // No in-skill products.
        allowsPurchases: false,
        // Yes: the sankalpa is free text a listener speaks and the skill keeps (and turns into a
        // clip); it may name them or their health. With hashed ids and practice history beside it,
        // answering "no" would understate it. No account linking, names, emails or locations.
        usesPersonalInfo: true,
        // A relaxation practice for adults; not built for or marketed to children.
        isChildDirected: false,
        // Audio and text only; nothing export-controlled.
        isExportCompliant: true,
        containsAds: false,
        locales: Object.fromEntries(LOCALES.map((locale) => [locale, { privacyPolicyUrl: PRIVACY_POLICY_URL, termsOfUseUrl: TERMS_OF_USE_URL }])),
      },
      manifestVersion: '1.0',
    },
  };
}
