/** Preferences by voice, the settings read-back and practice stats: request → facts → core/preferences.ts → apply. */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { getSlot } from '../ask-sdk';
import { PREFERENCE_INTENT_NAMES, type PreferenceIntentName } from '../../../models/intents';
import { setPreference, setSleepSounds, settings, stats } from '../../core/preferences';
import { DEFAULT_SLEEP_MINUTES, SLEEP_MINUTE_CHOICES } from '../../playback/sleep-sounds';
import type { SkillDeps } from '../deps';
import { isIntent } from './match';
import { respond } from './respond';

const EVERYTHING = { record: true, clock: true } as const;

export function preferenceHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    respond(
      deps,
      (input) => isIntent(input, ...PREFERENCE_INTENT_NAMES),
      EVERYTHING,
      (facts, input) => setPreference(facts, (input.requestEnvelope.request as { intent: { name: PreferenceIntentName } }).intent.name),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'SleepSoundsIntent'),
      EVERYTHING,
      (facts, input) => setSleepSounds(facts, chosenMinutes(input)),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'NoSleepSoundsIntent'),
      EVERYTHING,
      (facts) => setSleepSounds(facts, 0),
    ),
    respond(deps, (input) => isIntent(input, 'SettingsIntent'), EVERYTHING, settings),
    respond(deps, (input) => isIntent(input, 'PracticeStatsIntent'), EVERYTHING, stats),
  ];
}

/** The chosen time from the duration slot (entity resolution's id is minutes); an hour when none was said. */
function chosenMinutes(input: HandlerInput): number {
  const slot = getSlot(input.requestEnvelope, 'duration');
  const id = Number(slot?.resolutions?.resolutionsPerAuthority?.find((a) => a.status?.code === 'ER_SUCCESS_MATCH')?.values?.[0]?.value?.id);
  return (SLEEP_MINUTE_CHOICES as readonly number[]).includes(id) ? id : DEFAULT_SLEEP_MINUTES;
}
