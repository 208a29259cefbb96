/**
 * Preferences by voice, the settings read-back and practice stats, as decisions. A preference is
 * saved, confirmed in one sentence, and never starts playback; said mid-practice, the practice
 * carries on at the same place in the new variant when that variant plays it. Pure.
 */
import type { PreferenceIntentName } from '../../models/intents';
import { variantDurationMs, variantFor, variantToCarryOn } from '../playback/preferences';
import { practiceStats } from '../playback/stats';
import type { Preferences } from '../playback/record';
import { MAX_SLEEP_MINUTES } from '../playback/sleep-sounds';
import { sleepMinutesFor, speakThenCarryOn } from './places';
import { preferenceSay } from './preference-speech';
import { after, isPlayingNow, type Answer, type Facts, type Plan } from './types';

type Change = { preferences: Partial<Preferences>; speech: (facts: Facts, variant: string, preferences: Preferences) => string };
const lasting = (facts: Facts, variant: string) => variantDurationMs(facts.catalog, variant);

/** Intent name -> what it changes and how Alexa confirms it. */
export const PREFERENCE_CHANGES: Record<PreferenceIntentName, Change> = {
  GentleStartIntent: { preferences: { gentle: true }, speech: () => preferenceSay.gentleOn },
  TensionReleaseIntent: { preferences: { gentle: false }, speech: () => preferenceSay.gentleOff },
  NatureSoundsOffIntent: { preferences: { nature: false }, speech: () => preferenceSay.natureOff },
  NatureSoundsOnIntent: { preferences: { nature: true }, speech: () => preferenceSay.natureOn },
  ShortPracticeIntent: { preferences: { length: 'short' }, speech: (facts, variant) => preferenceSay.short(lasting(facts, variant)) },
  FullPracticeIntent: { preferences: { length: 'full' }, speech: (facts, variant) => preferenceSay.full(lasting(facts, variant)) },
  BedtimeEndingIntent: { preferences: { ending: 'bedtime' }, speech: () => preferenceSay.bedtime },
  DaytimeEndingIntent: { preferences: { ending: 'daytime' }, speech: () => preferenceSay.daytime },
  AutomaticEndingIntent: { preferences: { ending: undefined }, speech: () => preferenceSay.automatic },
  RestLongerIntent: { preferences: { restful: true }, speech: () => preferenceSay.restLonger },
  UsualRestIntent: { preferences: { restful: false }, speech: () => preferenceSay.usualRest },
};

export function setPreference(facts: Facts, name: PreferenceIntentName): Plan {
  return changePreferences(facts, PREFERENCE_CHANGES[name]);
}

/** "Play sleep sounds after the practice", "… for two hours", "no sleep sounds" (0). */
export function setSleepSounds(facts: Facts, minutes: number): Plan {
  return changePreferences(facts, {
    preferences: { sleepMinutes: minutes > 0 ? Math.min(minutes, MAX_SLEEP_MINUTES) : undefined },
    speech: (_facts, _variant, preferences) =>
      !preferences.sleepMinutes
        ? preferenceSay.sleepOff
        : preferences.nature === false
          ? preferenceSay.sleepOnButNatureOff(preferences.sleepMinutes)
          : preferenceSay.sleepOn(preferences.sleepMinutes),
  });
}

function changePreferences(facts: Facts, change: Change): Plan {
  const preferences = withoutDefaults({ ...facts.record?.preferences, ...change.preferences });
  return after({ kind: 'save', writes: [{ kind: 'preferences', preferences }] }, (saved) => {
    if (!saved) return speakThenCarryOn(facts, preferenceSay.couldNotSave);
    const preferred = variantFor(facts.catalog, preferences, facts.hour);
    const speech = change.speech(facts, preferred, preferences);
    const { device } = facts;
    if (!isPlayingNow(device)) return speakThenCarryOn(facts, speech);
    const othersPractice = (device.person ?? '') !== facts.person;
    const { variant, moved } = othersPractice
      ? { variant: device.variant, moved: false }
      : variantToCarryOn(facts.catalog, device.variant, preferred, device.segmentId);
    const { activity: _activity, ...place } = device;
    const later = moved || variant === preferred ? '' : ` ${preferenceSay.nextTime}`;
    const sleep = othersPractice ? place.sleep : sleepMinutesFor(preferences);
    return { play: { ...place, variant, attempt: 0, sleep }, speech: `${speech}${later}`, end: true };
  });
}

export function settings(facts: Facts): Answer {
  const variant = variantFor(facts.catalog, facts.record?.preferences, facts.hour);
  return speakThenCarryOn(facts, preferenceSay.settings(facts.record?.preferences, variantDurationMs(facts.catalog, variant)));
}

export function stats(facts: Facts): Answer {
  return speakThenCarryOn(facts, preferenceSay.stats(practiceStats(facts.record, facts.nowMs, facts.zone)));
}

/** Only what differs from the defaults is kept, so "turn the nature sounds back on" leaves nothing behind. */
function withoutDefaults(preferences: Preferences): Preferences {
  const kept: Preferences = {};
  if (preferences.gentle) kept.gentle = true;
  if (preferences.nature === false) kept.nature = false;
  if (preferences.length === 'short') kept.length = 'short';
  if (preferences.ending) kept.ending = preferences.ending;
  if (preferences.restful) kept.restful = true;
  if (preferences.sleepMinutes) kept.sleepMinutes = preferences.sleepMinutes;
  return kept;
}
