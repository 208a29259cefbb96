/**
 * Rough duration estimates for a practice, from its text and silences. The speech synthesizer
 * reads at about SPEECH_WORDS_PER_MINUTE at the settings the renderer uses; the renderer measures
 * the real durations later, so these numbers are for planning and tests only.
 */
import type { Cue, Practice, Segment } from './practice-types';

export const SPEECH_WORDS_PER_MINUTE = 130;

/** Number of whitespace-separated words in a spoken line. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/** Seconds to speak the cue at SPEECH_WORDS_PER_MINUTE, plus the silence after it. */
export function estimateCueSec(cue: Cue): number {
  return (countWords(cue.say) / SPEECH_WORDS_PER_MINUTE) * 60 + cue.pauseSec;
}

/** Lead-in silence plus every cue. */
export function estimateSegmentSec(segment: Segment): number {
  return segment.cues.reduce((sum, cue) => sum + estimateCueSec(cue), segment.leadInSec);
}

/** Every segment of every section. */
export function estimatePracticeSec(practice: Practice): number {
  let total = 0;
  for (const section of practice.sections) {
    for (const segment of section.segments) total += estimateSegmentSec(segment);
  }
  return total;
}
