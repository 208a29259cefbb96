/** What Alexa says about settings and stats: one short sentence each, nothing to answer. */
import type { PracticeStats } from '../playback/stats';
import type { Preferences } from '../playback/record';
import { minutesPhrase } from './speech';

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** "thirty minutes", "an hour", "an hour and a half", "two hours". */
export function durationPhrase(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const words = ['', 'one', 'two', 'three'];
  if (hours === 0) return `${minutes === 30 ? 'thirty' : minutes} minutes`;
  const whole = hours === 1 ? 'an hour' : `${words[hours] ?? hours} hours`;
  if (rest === 0) return whole;
  return rest === 30 ? `${whole} and a half` : `${whole} and ${rest} minutes`;
}

export const preferenceSay = {
  gentleOn: 'From now on, the practice starts gently, with no tensing.',
  gentleOff: 'From now on, the practice begins with tension and release again.',
  natureOff: 'Nature sounds off. Just my voice from now on.',
  natureOn: 'Nature sounds on.',
  short: (ms: number) => `From now on, you will hear the short practice, ${minutesPhrase(ms)}.`,
  full: (ms: number) => `From now on, you will hear the full practice, ${minutesPhrase(ms)}.`,
  bedtime: 'From now on, the practice ends with the bedtime ending, drifting into sleep.',
  daytime: 'From now on, the practice ends by gently bringing you back.',
  automatic: 'From now on, I will choose the ending by the time: the bedtime ending in the evening.',
  restLonger: 'I will let you rest longer.',
  usualRest: 'The rest will be its usual length.',
  nextTime: 'That starts with your next practice.',
  sleepOn: (minutes: number) => `After the practice, the forest sounds will carry on for ${durationPhrase(minutes)}.`,
  sleepOnButNatureOff: (minutes: number) =>
    `Sleep sounds for ${durationPhrase(minutes)} after the practice. Your nature sounds are off, so say turn on the nature sounds to hear them.`,
  sleepOff: 'No sleep sounds: the practice ends in silence.',
  couldNotSave: 'Sorry, I could not save that just now. Please try again in a little while.',
  settings: (preferences: Preferences | undefined, lengthMs: number) => {
    const parts = [
      preferences?.length === 'short' ? 'the short practice' : 'the full practice',
      preferences?.gentle ? 'a gentle start' : 'tension and release',
      preferences?.nature === false ? 'no nature sounds' : 'nature sounds',
      preferences?.restful ? 'a longer rest' : undefined,
      preferences?.ending === 'bedtime'
        ? 'the bedtime ending'
        : preferences?.ending === 'daytime'
          ? 'the daytime ending'
          : 'the ending chosen by the time',
      preferences?.sleepMinutes && preferences.nature !== false ? `sleep sounds for ${durationPhrase(preferences.sleepMinutes)} after it` : undefined,
    ].filter(Boolean);
    return `Your settings: ${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]}. Tonight that is ${minutesPhrase(lengthMs)}.`;
  },
  stats: ({ started, completed, streakDays }: PracticeStats) => {
    if (started === 0) return 'You have not practised yet. Say: start Spine Nidra, whenever you are ready.';
    const streak = streakDays >= 2 ? ` You have practised ${streakDays} days in a row.` : '';
    return `You have practised ${times(started)}, and completed the whole practice ${times(completed)}.${streak}`;
  },
};
