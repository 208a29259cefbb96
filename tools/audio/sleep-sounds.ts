/**
 * The sleep sounds: the forest bed on its own, for after the practice. Three files of the same
 * length (SleepSoundsSettings.loopSec): `sleep-sounds-rise.<hash10>.mp3`, the chain's first item,
 * rising from near silence over its first minutes (the practice ends with its bed faded away);
 * `sleep-sounds.<hash10>.mp3`, a seamless loop the skill enqueues again and again; and
 * `sleep-sounds-fade.<hash10>.mp3`, the same sound fading out over its last minute, the chain's
 * last item. The generated noise runs `crossfadeSec` past the loop's length and that tail is
 * cross-faded (equal power: the noise is uncorrelated) into the head, so the loop's end continues
 * into its own start. The rise ends exactly as the loop does and the fade starts exactly as it
 * does, all at the loop's gain, so rise -> loop and loop -> fade join the same way. Levelled to
 * their own target, far under the voice's -14.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { rawBed } from './ambience';
import { sha256File } from './ffmpeg';
import { dbToGain, integratedLoudness } from './loudness';
import type { ManifestSleepSound } from './manifest-types';
import { masterToMp3 } from './master';
import type { DeliveredFigures } from './measure';
import { ALEXA_LOUDNESS_WINDOW, bedSeed, sleepSoundsFileName, type RenderSettings, type SleepSoundsRole } from './render-key';
import type { SegmentOutcome } from './render-result';

export interface SleepSoundsReport extends ManifestSleepSound {
  outcome: SegmentOutcome;
}

/** The sleep-sounds bed has its own seed: the same forest on every machine, unlike any segment's. */
const SLEEP_SOUNDS_SEED = bedSeed('sleep-sounds');
/** How far over Amazon's -19 LUFS floor the rise file must be aimed: the encoder moves it by a few tenths. */
const RISE_FLOOR_MARGIN_LU = 0.4;
/** The fade-out is even in decibels, like the bedtime ending's, down this far. */
const FADE_DEPTH_DB = -50;

/**
 * `raw` (the loop's length plus `seam` samples) made into a loop of `raw.length - seam` samples:
 * the last `seam` samples cross-fade from the noise as generated into its first `seam` samples,
 * which the loop itself skips, so its last sample leads into raw[seam - 1] -> raw[seam] = loop[0].
 */
export function wrapLoop(raw: Float32Array, seam: number): Float32Array {
  const length = raw.length - seam;
  if (seam < 1 || seam > length / 2) throw new Error(`sleep sounds: a ${seam}-sample cross-fade does not fit a ${length}-sample loop`);
  const loop = raw.slice(seam);
  for (let k = 0; k < seam; k++) {
    const w = ((k + 0.5) / seam) * (Math.PI / 2);
    loop[length - seam + k] = raw[length + k] * Math.cos(w) + raw[k] * Math.sin(w);
  }
  return loop;
}

/** `loop` fading out over its last `fadeSamples`, evenly in decibels. */
export function fadeOut(loop: Float32Array, fadeSamples: number): Float32Array {
  const out = loop.slice();
  const n = Math.min(fadeSamples, out.length);
  for (let k = 0; k < n; k++) out[out.length - n + k] *= dbToGain(FADE_DEPTH_DB * ((k + 1) / n));
  return out;
}

/** `loop` rising over its first `riseSamples`, evenly in decibels from `depthDb` to its own level. */
export function riseIn(loop: Float32Array, riseSamples: number, depthDb: number): Float32Array {
  const out = loop.slice();
  const n = Math.min(riseSamples, out.length);
  for (let k = 0; k < n; k++) out[k] *= dbToGain(depthDb * (1 - (k + 1) / n));
  return out;
}

/** The loop's samples at the encoder's rate, not yet levelled. */
export async function makeSleepLoop(settings: RenderSettings): Promise<Float32Array> {
  const rate = settings.encoder.sampleRate;
  const length = Math.round(settings.sleepSounds.loopSec * rate);
  const seam = Math.round(settings.sleepSounds.crossfadeSec * rate);
  return wrapLoop(await rawBed(length + seam, rate, settings.ambience, SLEEP_SOUNDS_SEED), seam);
}

function entry(
  role: SleepSoundsRole,
  file: string,
  targetLufs: number,
  figures: DeliveredFigures,
  sha256: string,
  bytes: number,
): ManifestSleepSound {
  if (figures.bitrateKbps === undefined) throw new Error(`${file}: ffmpeg reports no bit rate`);
  return {
    role,
    file,
    durationMs: figures.durationMs,
    targetLufs,
    integratedLufs: figures.integratedLufs,
    truePeakDbtp: figures.truePeakDbtp,
    loudnessRangeLu: figures.loudnessRangeLu,
    bitrateKbps: figures.bitrateKbps,
    sampleRate: figures.sampleRate,
    channels: figures.channels,
    sha256,
    bytes,
  };
}

async function vouched(outDir: string, file: string, previous: ReadonlyMap<string, ManifestSleepSound>): Promise<ManifestSleepSound | undefined> {
  const known = previous.get(file);
  const info = await stat(path.join(outDir, file)).catch(() => undefined);
  if (!known || !info?.isFile() || info.size !== known.bytes) return undefined;
  return (await sha256File(path.join(outDir, file))) === known.sha256 ? known : undefined;
}

/**
 * The rise, the loop and the fade in `outDir`, rendered unless all are there as the previous
 * manifest describes them (their targets and figures come from it). Reported rise, loop, fade.
 */
export async function renderSleepSounds(
  outDir: string,
  settings: RenderSettings,
  previous: ReadonlyMap<string, ManifestSleepSound>,
): Promise<SleepSoundsReport[]> {
  const names = {
    rise: sleepSoundsFileName(settings, 'rise'),
    loop: sleepSoundsFileName(settings, 'loop'),
    fade: sleepSoundsFileName(settings, 'fade'),
  };
  const known = await Promise.all([
    vouched(outDir, names.rise, previous),
    vouched(outDir, names.loop, previous),
    vouched(outDir, names.fade, previous),
  ]);
  if (known.every(Boolean)) return (known as ManifestSleepSound[]).map((entry) => ({ ...entry, outcome: 'cached' as const }));

  const { sleepSounds, encoder, loudness } = settings;
  const sleepEncoder = { ...encoder, bitrateKbps: sleepSounds.bitrateKbps };
  const loop = await makeSleepLoop(settings);
  const fade = fadeOut(loop, Math.round(sleepSounds.fadeOutSec * encoder.sampleRate));
  const rise = riseIn(loop, Math.round(sleepSounds.riseSec * encoder.sampleRate), sleepSounds.riseDepthDb);
  const loopLufs = integratedLoudness(loop, encoder.sampleRate);
  const gainDb = sleepSounds.targetLufs - loopLufs;
  // The rise and the fade get the loop's gain: each target is the loop's, less what its ramp takes off the whole.
  const targetOf = (samples: Float32Array) =>
    Math.round((sleepSounds.targetLufs + integratedLoudness(samples, encoder.sampleRate) - loopLufs) * 100) / 100;

  const render = async (role: SleepSoundsRole, samples: Float32Array, targetLufs: number, encodeBiasPriorLu?: number) => {
    const file = path.join(outDir, names[role]);
    const result = await masterToMp3({ voice: samples, voiceGainDb: gainDb }, { ...loudness, targetLufs }, sleepEncoder, file, { encodeBiasPriorLu });
    const [sha256, info] = await Promise.all([sha256File(file), stat(file)]);
    return { report: { ...entry(role, names[role], targetLufs, result.figures, sha256, info.size), outcome: 'rendered' as const }, result };
  };
  const riseTarget = targetOf(rise);
  // The rise keeps the loop's gain (so it joins the loop seamlessly); a rise too long for the file would sink it under Amazon's floor.
  if (riseTarget < ALEXA_LOUDNESS_WINDOW.minLufs + RISE_FLOOR_MARGIN_LU) {
    throw new Error(
      `sleep sounds: a ${sleepSounds.riseSec} s rise leaves the ${sleepSounds.loopSec} s rise file at ${riseTarget} LUFS; shorten riseSec`,
    );
  }
  const rendered = await render('loop', loop, sleepSounds.targetLufs);
  // Aimed with the loop's encoding bias, the rise and the fade get the loop's gain: their steady parts are the loop's level.
  const [risen, faded] = await Promise.all([
    render('rise', rise, riseTarget, rendered.result.aimedBiasLu),
    render('fade', fade, targetOf(fade), rendered.result.aimedBiasLu),
  ]);
  return [risen.report, rendered.report, faded.report];
}
