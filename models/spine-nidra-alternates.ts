/**
 * The Spine Nidra segments only some variants play: the gentle start (in place of tension and
 * release) and the bedtime ending (in place of the return). Same writing rules as spine-nidra.ts.
 */
import type { Cue, Segment, VoiceSoftening } from './practice-types';

function c(say: string, pauseSec: number): Cue {
  return { say, pauseSec };
}

/**
 * The night voice, in steps that join: the rest eases off a little (it is shared with the daytime
 * practice, which comes back to full level for the closing sankalpa and the return), the longer
 * rest goes on from there, and the bedtime ending carries on down to about two decibels under the
 * practice's level by its last words, eight percent slower than usual.
 */
export const NIGHT_VOICE: Readonly<Record<'rest' | 'restLonger' | 'bedtime', VoiceSoftening>> = {
  rest: { fromDb: 0, toDb: -0.75, fromRate: 1, toRate: 0.97 },
  restLonger: { fromDb: -0.75, toDb: -1.25, fromRate: 0.97, toRate: 0.95 },
  bedtime: { fromDb: -0.75, toDb: -2.25, fromRate: 0.97, toRate: 0.92 },
};

/**
 * The gentle start: for backs that do not like tensing, a short softening in place of the three
 * rounds of tension and release. It belongs to the softening section, which it leads into.
 */
export const gentleStart: Segment = {
  id: 'softening-gentle',
  sectionId: 'softening',
  title: 'the gentle start',
  leadInSec: 2,
  cues: [
    c('Today we begin gently. There is no tensing at all, only softening.', 4),
    c('Let your body be heavy, and let the ground take all of its weight.', 5),
    c('Breathe out slowly through the mouth, like a long, quiet sigh.', 5),
    c('Let your shoulders melt down, away from your ears.', 5),
    c('Let your hands rest open, and let your legs roll gently outward.', 5),
    c('Let your belly be soft. There is nothing to hold.', 5),
    c('With each breath out, let a little more ease spread along your back.', 6),
    c('Resting, and softening.', 5),
  ],
};

/**
 * The bedtime ending, in place of the return: no waking up. It belongs to the return section, so
 * "skip to the end" lands here in the bedtime variants. After the last words a long silence lets
 * the listener fall asleep while the nature bed fades out over the last minutes.
 */
export const bedtimeEnding: Segment = {
  id: 'return-bedtime',
  sectionId: 'return',
  title: 'the bedtime ending',
  leadInSec: 2,
  cues: [
    c('Now there is nowhere to go, and nothing more to do.', 5),
    c('If sleep is near, you do not need to come back at all.', 5),
    c('Let your sankalpa settle quietly inside you, like a seed in warm earth.', 6),
    c('Let your body grow heavier, and your breath slower and softer.', 7),
    c('Let your thoughts drift by, like clouds passing in a night sky.', 8),
    c('Each time you return to this practice, your body and your spine may let go a little more easily.', 6),
    c('You can let go of my voice now. Rest, and drift into sleep.', 6),
    c('Sleep well. Goodnight.', 150),
  ],
  ambienceFadeOutSec: 150,
  softening: NIGHT_VOICE.bedtime,
};

/**
 * The longer rest, after the rest, for listeners who asked to stay there: a few words, then
 * about five minutes of quiet under the nature bed before the closing sankalpa.
 */
export const longerRest: Segment = {
  id: 'rest-longer',
  sectionId: 'rest',
  title: 'the longer rest',
  leadInSec: 2,
  cues: [
    c('Stay here a while longer. There is plenty of time.', 60),
    c('Resting, with nothing to do.', 90),
    c('Still resting, deeply at ease.', 120),
  ],
  softening: NIGHT_VOICE.restLonger,
};
