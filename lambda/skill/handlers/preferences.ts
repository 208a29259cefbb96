/**
 * Preferences by voice, stored and confirmed in one sentence, without starting playback. If the
 * practice is playing, it carries on, in the new variant when that plays the same part, so the
 * change is heard at once; otherwise from the next practice. Also the settings read-back and stats.
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { variantDurationMs, variantFor, variantToCarryOn } from '../../playback/preferences';
import { practiceStats } from '../../playback/stats';
import type { Preferences } from '../../store/types';
import type { SkillDeps } from '../deps';
import { listenerKey, logId, personOf } from '../listener';
import { loadListener, registerPerson } from '../listener-state';
import { localClock } from '../local-clock';
import { devicePosition, isPlayingNow, playReplacingQueue, speakThenCarryOn } from '../player';
import { preferenceSay } from '../preference-speech';
import { isIntent } from './match';
import { PREFERENCE_INTENT_NAMES, type PreferenceIntentName } from '../../../models/intents';

type Change = { preferences: Partial<Preferences>; speech: (deps: SkillDeps, variant: string) => string };

/** Intent name -> what it changes and how Alexa confirms it. */
export const PREFERENCE_INTENTS: Record<PreferenceIntentName, Change> = {
  GentleStartIntent: { preferences: { gentle: true }, speech: () => preferenceSay.gentleOn },
  TensionReleaseIntent: { preferences: { gentle: false }, speech: () => preferenceSay.gentleOff },
  NatureSoundsOffIntent: { preferences: { nature: false }, speech: () => preferenceSay.natureOff },
  NatureSoundsOnIntent: { preferences: { nature: true }, speech: () => preferenceSay.natureOn },
  ShortPracticeIntent: { preferences: { length: 'short' }, speech: (deps, variant) => preferenceSay.short(variantDurationMs(deps.catalog, variant)) },
  FullPracticeIntent: { preferences: { length: 'full' }, speech: (deps, variant) => preferenceSay.full(variantDurationMs(deps.catalog, variant)) },
  BedtimeEndingIntent: { preferences: { ending: 'bedtime' }, speech: () => preferenceSay.bedtime },
  DaytimeEndingIntent: { preferences: { ending: 'daytime' }, speech: () => preferenceSay.daytime },
  AutomaticEndingIntent: { preferences: { ending: undefined }, speech: () => preferenceSay.automatic },
  RestLongerIntent: { preferences: { restful: true }, speech: () => preferenceSay.restLonger },
  UsualRestIntent: { preferences: { restful: false }, speech: () => preferenceSay.usualRest },
};

export function preferenceHandlers(deps: SkillDeps): RequestHandler[] {
  const setPreference: RequestHandler = {
    canHandle: (input) => isIntent(input, ...PREFERENCE_INTENT_NAMES),
    async handle(input): Promise<Response> {
      const name = (input.requestEnvelope.request as { intent: { name: PreferenceIntentName } }).intent.name;
      const change = PREFERENCE_INTENTS[name];
      const key = listenerKey(input.requestEnvelope);
      const [record, clock] = await Promise.all([loadListener(deps, input), localClock(deps, input), registerPerson(deps, input)]);
      const preferences = withoutDefaults({ ...record?.preferences, ...change.preferences });
      try {
        await deps.store.setPreferences(key, preferences);
      } catch (error) {
        deps.log.error('preference not saved', { listener: logId(key), intent: name, error: String(error) });
        return carryOn(input, preferenceSay.couldNotSave);
      }
      const preferred = variantFor(deps.catalog, preferences, clock.hour);
      const speech = change.speech(deps, preferred);
      const device = devicePosition(deps, input);
      if (!isPlayingNow(device)) return carryOn(input, speech);
      const othersPractice = (device.person ?? '') !== personOf(input.requestEnvelope);
      const { variant, moved } = othersPractice
        ? { variant: device.variant, moved: false }
        : variantToCarryOn(deps.catalog, device.variant, preferred, device.segmentId);
      playReplacingQueue(deps, input, { ...device, variant, attempt: 0 });
      const later = moved || variant === preferred ? '' : ` ${preferenceSay.nextTime}`;
      return input.responseBuilder.speak(`${speech}${later}`).withShouldEndSession(true).getResponse();
    },
  };

  const settings: RequestHandler = {
    canHandle: (input) => isIntent(input, 'SettingsIntent'),
    async handle(input) {
      const [record, clock] = await Promise.all([loadListener(deps, input), localClock(deps, input)]);
      const variant = variantFor(deps.catalog, record?.preferences, clock.hour);
      return carryOn(input, preferenceSay.settings(record?.preferences, variantDurationMs(deps.catalog, variant)));
    },
  };

  const stats: RequestHandler = {
    canHandle: (input) => isIntent(input, 'PracticeStatsIntent'),
    async handle(input) {
      const [record, clock] = await Promise.all([loadListener(deps, input), localClock(deps, input)]);
      return carryOn(input, preferenceSay.stats(practiceStats(record, deps.now(), clock.zone)));
    },
  };

  /** A straight answer; if the practice was playing, it goes on where it was. */
  const carryOn = (input: HandlerInput, speech: string): Response => {
    speakThenCarryOn(deps, input, speech);
    return input.responseBuilder.getResponse();
  };

  return [setPreference, settings, stats];
}

/** Only what differs from the defaults is kept, so "turn the nature sounds back on" leaves nothing behind. */
function withoutDefaults(preferences: Preferences): Preferences {
  const kept: Preferences = {};
  if (preferences.gentle) kept.gentle = true;
  if (preferences.nature === false) kept.nature = false;
  if (preferences.length === 'short') kept.length = 'short';
  if (preferences.ending) kept.ending = preferences.ending;
  if (preferences.restful) kept.restful = true;
  return kept;
}
