/**
 * The voice that softens toward sleep (a segment's `softening`): each cue is levelled on its own to
 * the practice's speech level plus its step of the ramp, so the step-down is exactly as written and
 * not lost in the small differences between cues (flite's cues differ by about a decibel). Pure:
 * memory in, memory out. The rate half of the ramp is the speech engine's (segment-audio.ts).
 */
import type { VoiceSoftening } from '../../models/practice-types';
import { SILENT_LUFS, dbToGain, integratedLoudness } from './loudness';

/** One cue's speech (trimmed, with the engine's short margins) in the voice track, in samples. */
export interface CueSpan {
  start: number;
  end: number;
}

/** The gain (dB from the practice's level) and rate of cue `index` of `count`, evenly stepped. */
export function softeningAt(softening: VoiceSoftening, index: number, count: number): { gainDb: number; rate: number } {
  const t = count > 1 ? index / (count - 1) : 1;
  return {
    gainDb: softening.fromDb + (softening.toDb - softening.fromDb) * t,
    rate: softening.fromRate + (softening.toRate - softening.fromRate) * t,
  };
}

export interface SoftenedVoice {
  /** The voice with every cue at its level: no further gain is needed. */
  samples: Float32Array;
  /** Integrated loudness of the softened voice, to 0.1 LU: the file's mastering target. */
  targetLufs: number;
  /** The last spoken cue, where audio:check measures the step-down. */
  lastCue: { startMs: number; endMs: number; belowLu: number };
}

/**
 * Levels each cue of `voice` to `practiceLufs` + its ramp step. A cue too short to measure (under
 * 0.4 s) takes the gain of the whole voice at the practice's level plus its step.
 */
export function softenVoice(
  voice: Float32Array,
  spans: readonly CueSpan[],
  softening: VoiceSoftening,
  sampleRate: number,
  practiceLufs: number,
): SoftenedVoice {
  if (spans.length === 0) throw new Error("softening needs the cues' places in the voice");
  const whole = integratedLoudness(voice, sampleRate);
  if (whole <= SILENT_LUFS) throw new Error('softening: no audible voice');
  const out = voice.slice();
  spans.forEach((span, index) => {
    const { gainDb } = softeningAt(softening, index, spans.length);
    const cue = voice.subarray(span.start, span.end);
    const measured = integratedLoudness(cue, sampleRate);
    const gain = dbToGain(practiceLufs + gainDb - (measured > SILENT_LUFS ? measured : whole));
    for (let i = span.start; i < span.end; i++) out[i] = voice[i] * gain;
  });
  const last = spans[spans.length - 1];
  const ms = (samples: number): number => Math.round((samples / sampleRate) * 1000);
  return {
    samples: out,
    targetLufs: Math.round(integratedLoudness(out, sampleRate) * 10) / 10,
    lastCue: { startMs: ms(last.start), endMs: ms(last.end), belowLu: -softeningAt(softening, spans.length - 1, spans.length).gainDb },
  };
}
