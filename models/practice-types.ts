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
}

export interface Section {
  id: SectionId;
  /** How Alexa names this section aloud, e.g. "the body scan". */
  title: string;
  segments: Segment[];
}

export interface Practice {
  id: string;
  title: string;
  sections: Section[];
}
