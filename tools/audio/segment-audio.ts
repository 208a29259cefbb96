/**
 * One segment to one MP3: lead-in silence, then each cue's speech followed by exactly its pause in
 * digital silence; gently levelled; resampled and encoded by ffmpeg (MP3, CBR, libmp3lame).
 */
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Segment } from '../../models/practice-types';
import { runFfmpeg } from './ffmpeg';
import { applyGain, concatPcm, levellingGain, measureSpeechLevel, parseWav, silenceSamples, trimSilence } from './pcm';
import { normalizeSpokenText, type EncoderSettings, type RenderSettings } from './render-key';
import type { SpeechEngine } from './speech-engine';

export interface SegmentAudioResult {
  /** Seconds of speech (after trimming), without lead-in and pauses. */
  speechSec: number;
  /** Words spoken. */
  words: number;
  /** Levelling gain applied, in dB. */
  gainDb: number;
}

/** Renders `segment` to `outFile` (written via a `.partial` file and renamed, so it is all or nothing). */
export async function renderSegmentAudio(
  segment: Segment,
  settings: RenderSettings,
  engine: SpeechEngine,
  outFile: string,
): Promise<SegmentAudioResult> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), `audio-${segment.id}-`));
  const partial = `${outFile}.partial`;
  try {
    const texts = segment.cues.map((cue) => normalizeSpokenText(cue.say));
    const speech = await Promise.all(
      texts.map(async (text, index) => {
        if (text === '') return undefined;
        const wavPath = path.join(workDir, `cue-${index}.wav`);
        await engine.synthesize(text, wavPath);
        const pcm = trimSilence(parseWav(await readFile(wavPath)), settings.processing);
        await rm(wavPath, { force: true });
        return pcm;
      }),
    );

    const sampleRate = speech.find((pcm) => pcm !== undefined)?.sampleRate ?? settings.encoder.sampleRate;
    const mismatch = speech.find((pcm) => pcm !== undefined && pcm.sampleRate !== sampleRate);
    if (mismatch) throw new Error(`cues synthesized at different rates: ${sampleRate} and ${mismatch.sampleRate} Hz`);

    const parts: Array<Int16Array | number> = [silenceSamples(segment.leadInSec, sampleRate)];
    segment.cues.forEach((cue, index) => {
      const pcm = speech[index];
      if (pcm) parts.push(pcm.samples);
      parts.push(silenceSamples(cue.pauseSec, sampleRate));
    });
    const assembled = concatPcm(parts);
    const gain = levellingGain(
      measureSpeechLevel(assembled, sampleRate),
      settings.processing.speechRmsTargetDbfs,
      settings.processing.peakCeilingDbfs,
    );
    const levelled = applyGain(assembled, gain);

    await encodeMp3(levelled, sampleRate, settings.encoder, partial);
    await rename(partial, outFile);

    const speechSamples = speech.reduce((sum, pcm) => sum + (pcm?.samples.length ?? 0), 0);
    return {
      speechSec: speechSamples / sampleRate,
      words: texts.reduce((sum, text) => sum + (text === '' ? 0 : text.split(' ').length), 0),
      gainDb: 20 * Math.log10(gain),
    };
  } finally {
    await rm(partial, { force: true });
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Encodes mono s16 PCM at `sampleRate` to an MP3 file per `encoder`. */
export async function encodeMp3(
  samples: Int16Array,
  sampleRate: number,
  encoder: EncoderSettings,
  outFile: string,
): Promise<void> {
  const input = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  await runFfmpeg(
    [
      '-f', 's16le', '-ar', String(sampleRate), '-ac', '1', '-i', 'pipe:0',
      '-af', `aresample=${encoder.sampleRate}`,
      '-ac', String(encoder.channels),
      '-c:a', encoder.codec,
      '-b:a', `${encoder.bitrateKbps}k`,
      '-map_metadata', '-1',
      '-fflags', '+bitexact',
      '-flags:a', '+bitexact',
      '-f', 'mp3',
      '-y', outFile,
    ],
    { input },
  );
}
