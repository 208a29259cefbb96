/**
 * A model segment's voice: lead-in silence, then each cue's speech followed by exactly its pause in
 * digital silence, resampled to the encoder's rate. The pauses stay true silence in the voice; the
 * bed (if any) is laid under the whole segment later.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Segment } from '../../models/practice-types';
import { resampleToFloat32 } from './ffmpeg';
import { masterToMp3, voiceGainDb } from './master';
import { concatPcm, parseWav, silenceSamples, trimSilence } from './pcm';
import { normalizeSpokenText, type RenderSettings } from './render-key';
import { softeningAt, type CueSpan } from './soften';
import type { SpeechEngine } from './speech-engine';

export interface VoiceTrack {
  /** Mono float at the encoder's sample rate. */
  samples: Float32Array;
  /** Seconds of speech (after trimming), without lead-in and pauses; 0 when not known (a recording). */
  speechSec: number;
  /** Words spoken; 0 when not known. */
  words: number;
  /** Each spoken cue's place in `samples` (synthesized voices only; a recording does not know). */
  cueSpans?: CueSpan[];
}

/** Synthesizes every cue (in parallel, as the engine allows) and assembles the voice track. */
export async function synthesizeVoice(segment: Segment, settings: RenderSettings, engine: SpeechEngine): Promise<VoiceTrack> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), `audio-${segment.id}-`));
  try {
    const texts = segment.cues.map((cue) => normalizeSpokenText(cue.say));
    const { softening } = segment;
    const speech = await Promise.all(
      texts.map(async (text, index) => {
        if (text === '') return undefined;
        const wavPath = path.join(workDir, `cue-${index}.wav`);
        const rate = softening ? softeningAt(softening, index, texts.length).rate : 1;
        await engine.synthesize(text, wavPath, rate === 1 ? undefined : { rate });
        const pcm = trimSilence(parseWav(await readFile(wavPath)), settings.processing);
        await rm(wavPath, { force: true });
        return pcm;
      }),
    );

    const sampleRate = speech.find((pcm) => pcm !== undefined)?.sampleRate ?? settings.encoder.sampleRate;
    const mismatch = speech.find((pcm) => pcm !== undefined && pcm.sampleRate !== sampleRate);
    if (mismatch) throw new Error(`cues synthesized at different rates: ${sampleRate} and ${mismatch.sampleRate} Hz`);

    const parts: Array<Int16Array | number> = [silenceSamples(segment.leadInSec, sampleRate)];
    const spans: CueSpan[] = [];
    let at = parts[0] as number;
    segment.cues.forEach((cue, index) => {
      const pcm = speech[index];
      if (pcm) {
        parts.push(pcm.samples);
        spans.push({ start: at, end: at + pcm.samples.length });
        at += pcm.samples.length;
      }
      const pause = silenceSamples(cue.pauseSec, sampleRate);
      parts.push(pause);
      at += pause;
    });
    const assembled = concatPcm(parts);
    const samples = await resampleToFloat32(assembled, sampleRate, settings.encoder.sampleRate);
    // The resampler keeps time: a place scales by the rate ratio (to within a sample).
    const scale = settings.encoder.sampleRate / sampleRate;
    const cueSpans = spans.map((span) => ({ start: Math.round(span.start * scale), end: Math.min(samples.length, Math.round(span.end * scale)) }));

    const speechSamples = speech.reduce((sum, pcm) => sum + (pcm?.samples.length ?? 0), 0);
    return {
      samples,
      speechSec: speechSamples / sampleRate,
      words: texts.reduce((sum, text) => sum + (text === '' ? 0 : text.split(' ').length), 0),
      cueSpans,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

export interface SegmentAudioResult {
  speechSec: number;
  words: number;
  /** Static gain applied to the voice, in dB. */
  gainDb: number;
}

/**
 * One segment, voice only (no bed), mastered to the loudness targets into `outFile`. Used for
 * single clips (the listener's sankalpa) that play between practice segments.
 */
export async function renderSegmentAudio(
  segment: Segment,
  settings: RenderSettings,
  engine: SpeechEngine,
  outFile: string,
): Promise<SegmentAudioResult> {
  const voice = await synthesizeVoice(segment, settings, engine);
  const gain = voiceGainDb(voice.samples, settings.encoder.sampleRate, settings.loudness, `segment "${segment.id}"`);
  const result = await masterToMp3({ voice: voice.samples, voiceGainDb: gain }, settings.loudness, settings.encoder, outFile);
  return { speechSec: voice.speechSec, words: voice.words, gainDb: result.gainDb };
}
