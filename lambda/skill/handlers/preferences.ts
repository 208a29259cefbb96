/** Preferences by voice, the settings read-back and practice stats: request → facts → core/preferences.ts → apply. */
import type { RequestHandler } from 'ask-sdk-core';
import { PREFERENCE_INTENT_NAMES, type PreferenceIntentName } from '../../../models/intents';
import { setPreference, settings, stats } from '../../core/preferences';
import type { SkillDeps } from '../deps';
import { isIntent } from './match';
import { respond } from './respond';

const EVERYTHING = { record: true, clock: true } as const;

export function preferenceHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    respond(deps, (input) => isIntent(input, ...PREFERENCE_INTENT_NAMES), EVERYTHING, (facts, input) =>
      setPreference(facts, (input.requestEnvelope.request as { intent: { name: PreferenceIntentName } }).intent.name),
    ),
    respond(deps, (input) => isIntent(input, 'SettingsIntent'), EVERYTHING, settings),
    respond(deps, (input) => isIntent(input, 'PracticeStatsIntent'), EVERYTHING, stats),
  ];
}
