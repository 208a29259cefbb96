/**
 * From a voice track (and a bed) to a delivered MP3 that meets the loudness targets when measured
 * on the encoded file: linear gain, a look-ahead peak limiter, encode, measure with ffmpeg, and
 * correct and re-encode if the file landed outside the aim. No dynamic normalization anywhere
 * (ffmpeg's loudnorm silently turns dynamic when it lacks headroom): only static gain, plus the
 * limiter shaving the few speech peaks that would pass the true-peak ceiling.
 */
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from './ffmpeg';
import { SILENT_LUFS, dbToGain, integratedLoudness, limitPeaks, mixScaled } from './loudness';
import { measureDelivered, type DeliveredFigures } from './measure';
import type { EncoderSettings, LoudnessSettings } from './render-key';

export interface MasterInput {
  /** Mono float voice at the encoder's sample rate. */
  voice: Float32Array;
  /** Gain that brings the voice alone to the loudness target (see `voiceGainDb`). */
  voiceGainDb: number;
  /** The bed, same length, already at its level under the target; absent for the plain mix. */
  bed?: Float32Array;
}

export interface MasterResult {
  figures: DeliveredFigures;
  /** Final static gain on the voice, dB. */
  gainDb: number;
  /** Most the limiter took off a peak, dB. */
  limiterDb: number;
  /** Encodes it took to land inside the aim (1 normally). */
  encodes: number;
  /**
   * The encoding bias (LU) the accepted encode was aimed with: given as the prior to a file of the
   * same kind and level, it reproduces this file's gain.
   */
  aimedBiasLu: number;
}

const MAX_ENCODES = 4;
/** Gain steering beyond this means something other than the voice sets the loudness: refuse. */
const MAX_TRIM_DB = 3;

/** The gain that brings `voice` to the target; throws when there is nothing audible to level. */
export function voiceGainDb(voice: Float32Array, sampleRate: number, loudness: LoudnessSettings, what: string): number {
  const measured = integratedLoudness(voice, sampleRate);
  if (measured <= SILENT_LUFS) throw new Error(`${what}: no audible voice to level (silent)`);
  return loudness.targetLufs - measured;
}

/** Encodes mono float samples to MP3 (CBR, no tags, bit-exact so the same input gives the same bytes). */
export async function encodeMp3Float(samples: Float32Array, encoder: EncoderSettings, outFile: string): Promise<void> {
  await runFfmpeg(
    [
      '-f',
      'f32le',
      '-ar',
      String(encoder.sampleRate),
      '-ac',
      '1',
      '-i',
      'pipe:0',
      '-ac',
      String(encoder.channels),
      '-c:a',
      encoder.codec,
      '-b:a',
      `${encoder.bitrateKbps}k`,
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      '-f',
      'mp3',
      '-y',
      outFile,
    ],
    { input: Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength) },
  );
}

/**
 * What encoding does to loudness: at 64 kb/s LAME takes -0.41 to -0.50 LU off flite speech (it
 * drops the quietest high-frequency detail, which K-weighting counts). Every file starts from this
 * same guess, so its bytes depend on its own inputs only (the same name always means the same
 * bytes); a file that lands outside the aim re-learns it from its own measurement.
 */
export const ENCODE_BIAS_PRIOR_LU = -0.45;

/**
 * Masters `input` into `outFile` (via `<outFile>.partial`, renamed when it passes). The gain is
 * steered in memory (the mix's own integrated loudness after the limiter, aiming the encoding bias
 * off the target), then the encoded file is measured by ffmpeg; outside `aimLu` of the target or
 * over the true-peak ceiling, the bias is re-learned (and the limiter ceiling lowered) and it is
 * re-encoded.
 */
export async function masterToMp3(
  input: MasterInput,
  loudness: LoudnessSettings,
  encoder: EncoderSettings,
  outFile: string,
  options: { encodeBiasPriorLu?: number } = {},
): Promise<MasterResult> {
  const rate = encoder.sampleRate;
  const partial = `${outFile}.partial`;
  const base = mixScaled(input.voice, dbToGain(input.voiceGainDb), input.bed);
  // ~0: the bed was fitted below the gates of BS.1770 (fitBedUnderVoice), so only the voice counts.
  let trimDb = loudness.targetLufs - integratedLoudness(base, rate);
  if (Math.abs(trimDb) > MAX_TRIM_DB) {
    throw new Error(
      `${path.basename(outFile)}: the mix measures ${(loudness.targetLufs - trimDb).toFixed(1)} LUFS with the voice at target (is the bed counted?)`,
    );
  }
  let ceilingDb = loudness.limiterCeilingDbfs;
  let biasLu = options.encodeBiasPriorLu ?? ENCODE_BIAS_PRIOR_LU;
  let last: DeliveredFigures | undefined;
  try {
    for (let encodes = 1; encodes <= MAX_ENCODES; encodes++) {
      const aimedBiasLu = biasLu;
      const aim = loudness.targetLufs - biasLu;
      let limited = limitPeaks(mixScaled(base, dbToGain(trimDb)), { ceilingDb, sampleRate: rate });
      let inMemory = integratedLoudness(limited.output, rate);
      for (let pass = 0; pass < 3 && Math.abs(aim - inMemory) >= 0.05; pass++) {
        trimDb = Math.max(-MAX_TRIM_DB, Math.min(MAX_TRIM_DB, trimDb + aim - inMemory));
        limited = limitPeaks(mixScaled(base, dbToGain(trimDb)), { ceilingDb, sampleRate: rate });
        inMemory = integratedLoudness(limited.output, rate);
      }
      await encodeMp3Float(limited.output, encoder, partial);
      last = await measureDelivered(partial);
      biasLu = last.integratedLufs - inMemory;
      const over = last.truePeakDbtp - (loudness.maxTruePeakDbtp - 0.1);
      if (Math.abs(loudness.targetLufs - last.integratedLufs) <= loudness.aimLu && over <= 0) {
        await rename(partial, outFile);
        return { figures: last, gainDb: input.voiceGainDb + trimDb, limiterDb: limited.maxReductionDb, encodes, aimedBiasLu };
      }
      if (over > 0) ceilingDb -= over + 0.2;
    }
  } finally {
    await rm(partial, { force: true });
  }
  throw new Error(
    `${path.basename(outFile)}: still ${last?.integratedLufs} LUFS, ${last?.truePeakDbtp} dBTP after ${MAX_ENCODES} encodes ` +
      `(target ${loudness.targetLufs} +-${loudness.aimLu} LUFS, <= ${loudness.maxTruePeakDbtp} dBTP)`,
  );
}
