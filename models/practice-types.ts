/**
 * The shape of a guided practice: sections in order, each split into segments (one rendered
 * audio file each), each segment a list of spoken cues with the silence that follows them.
 * Audio is rendered from this model; the skill navigates by it.
 */

export const SECTION_IDS = [
  'arrival',
  'tension-release',
  'softening',
  'sankalpa',
  'body-scan',
  'spine-rotation',
  'limbs',
  'spine-breath',
  'crown-breath',
  'rest',
  'closing-sankalpa',
  'return',
] as const;

export type SectionId = (typeof SECTION_IDS)[number];

/** One spoken line, then `pauseSec` seconds of silence before the next line. */
export interface Cue {
  say: string;
  pauseSec: number;
}

export interface Segment {
  /** Also the start of every rendered file name for this segment: `<id>.<hash>.mp3`. */
  id: string;
  sectionId: SectionId;
  /** How Alexa names this part aloud, e.g. "the body scan", "the neck, vertebra by vertebra". */
  title: string;
  /** Silence before the first cue, in seconds. */
  leadInSec: number;
  cues: Cue[];
  /**
   * Only for an ending that drifts into sleep: the ambience bed fades out slowly over this many
   * seconds at the end of the segment, instead of the short fade every segment edge gets.
   */
  ambienceFadeOutSec?: number;
  /**
   * Only where the practice settles toward sleep: the voice steps down across the segment's cues,
   * each cue a little quieter and slower than the one before (see VoiceSoftening).
   */
  softening?: VoiceSoftening;
}

/**
 * A voice that softens: the first cue is spoken `fromDb` and the last `toDb` relative to the
 * practice's speech level, and at `fromRate` to `toRate` times the voice's usual speed (1 = as
 * usual, 0.92 = eight percent slower); cues in between step evenly. Segments that follow each other
 * start where the one before left off, so the step-down carries across files.
 */
export interface VoiceSoftening {
  fromDb: number;
  toDb: number;
  fromRate: number;
  toRate: number;
}

export interface Section {
  id: SectionId;
  /** How Alexa names this section aloud, e.g. "the body scan". */
  title: string;
  /** The segments the standard practice plays, in order. */
  segments: Segment[];
  /**
   * Segments only some variants play, in place of standard ones (the gentle start, the bedtime
   * ending). They belong to this section, so "skip to" this section lands on them in those variants.
   */
  alternates?: Segment[];
}

/** A version of the practice made from the same model: the standard order with some segments swapped. */
export interface PracticeVariant {
  /** Carried inside AudioPlayer tokens: lowercase letters, digits and dashes only. */
  id: string;
  /** How Alexa names it aloud, e.g. "the bedtime version". */
  title: string;
  /** Standard segment id -> the segment ids that play instead (an empty list leaves it out). */
  replace: Readonly<Record<string, readonly string[]>>;
}

export interface Practice {
  id: string;
  title: string;
  sections: Section[];
  /** Variants besides the standard order, which is always variant `standard`. */
  variants?: PracticeVariant[];
}
