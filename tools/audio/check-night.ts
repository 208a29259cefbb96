/**
 * audio:check for the night: the voice that softens (each softened file within Amazon's window and
 * its own target, and its last cue measurably under the practice's speech level) and the sleep
 * sounds (in the window at their own target; seamless where they join: rise into loop, loop into
 * loop, loop into fade; and growing out of the practice's quiet end, not jumping over it).
 * Measured with ffmpeg on the delivered MP3s.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { decodeSliceFloat32, measureDurationMs, runFfmpeg, sha256File } from './ffmpeg';
import type { AudioManifest, ManifestSegment, ManifestSleepSound } from './manifest-types';
import { joinProblems, measureJoin, type JoinFigures } from './loop-join';
import { measureDelivered, type DeliveredFigures } from './measure';
import { ALEXA_LOUDNESS, ALEXA_LOUDNESS_WINDOW, MAX_BITRATE_KBPS, MIN_BITRATE_KBPS } from './render-key';

/**
 * The last cue must sit as far under the practice's speech level as the model sets it (the bedtime
 * ending's 2.25 LU, so at least 1.75), give or take this much: cue measurements over a second or two
 * of speech, and the bed under them, move it by a few tenths.
 */
export const STEP_DOWN_TOLERANCE_LU = 0.5;

export interface NightProblem {
  file: string;
  figure: string;
  message: string;
}

/** Integrated loudness of the decoded stretch [startMs, endMs) of `file` (gated as BS.1770 gates). */
export async function spanLoudness(file: string, startMs: number, endMs: number): Promise<number> {
  const stderr = await runFfmpeg(['-i', file, '-af', `atrim=start=${startMs / 1000}:end=${endMs / 1000},ebur128`, '-f', 'null', '-']);
  const integrated = /I:\s+(-?[\d.]+) LUFS/.exec(stderr.slice(stderr.lastIndexOf('Summary:')))?.[1];
  if (integrated === undefined) throw new Error(`no ebur128 summary for ${path.basename(file)}`);
  return Number(integrated);
}

/** Integrated loudness against the window and a file's own target (within the usual tolerance). */
export function windowProblems(file: string, measuredLufs: number, targetLufs: number | undefined): NightProblem[] {
  const { minLufs, maxLufs } = ALEXA_LOUDNESS_WINDOW;
  const { toleranceLu } = ALEXA_LOUDNESS;
  const problems: NightProblem[] = [];
  const fail = (message: string): void => void problems.push({ file, figure: 'integrated loudness', message: `integrated loudness ${message}` });
  if (measuredLufs < minLufs || measuredLufs > maxLufs) fail(`${measuredLufs.toFixed(1)} LUFS is outside Amazon's ${minLufs} to ${maxLufs} LUFS`);
  else if (targetLufs === undefined) fail('has no target in the manifest');
  else if (Math.abs(measuredLufs - targetLufs) > toleranceLu)
    fail(`${measuredLufs.toFixed(1)} LUFS is more than ${toleranceLu} LU from its target ${targetLufs} LUFS`);
  return problems;
}

export interface StepDown {
  /** Integrated loudness of the last cue's speech, LUFS. */
  lastCueLufs: number;
  /** How far it sits under the practice's speech level, LU. */
  belowLu: number;
}

/** The last cue of a softened file against the practice's speech level (`practiceLufs`) and the step it should have (`intendedLu`, LU under it). */
export async function checkStepDown(
  dir: string,
  entry: ManifestSegment,
  practiceLufs: number,
  intendedLu: number | undefined,
): Promise<{ stepDown?: StepDown; problems: NightProblem[] }> {
  const fail = (message: string) => ({ problems: [{ file: entry.file, figure: 'step-down', message: `step-down ${message}` }] });
  if (!entry.softening) return fail('is not recorded: the file was rendered without the softening voice');
  const { lastCueStartMs, lastCueEndMs } = entry.softening;
  const intended = intendedLu ?? entry.softening.lastCueBelowLu;
  const lastCueLufs = await spanLoudness(path.join(dir, entry.file), lastCueStartMs, lastCueEndMs);
  const stepDown = { lastCueLufs, belowLu: practiceLufs - lastCueLufs };
  if (Math.abs(stepDown.belowLu - intended) > STEP_DOWN_TOLERANCE_LU) {
    const measured = `the last cue measures ${lastCueLufs.toFixed(1)} LUFS`;
    return {
      stepDown,
      ...fail(
        `${stepDown.belowLu.toFixed(1)} LU: ${measured}, not ${intended} LU (+-${STEP_DOWN_TOLERANCE_LU}) under the practice's ${practiceLufs.toFixed(1)} LUFS`,
      ),
    };
  }
  if (entry.targetLufs !== undefined && entry.targetLufs > practiceLufs + ALEXA_LOUDNESS.aimLu) {
    return { stepDown, ...fail(`target ${entry.targetLufs} LUFS is above the practice's ${practiceLufs.toFixed(1)} LUFS`) };
  }
  return { stepDown, problems: [] };
}

export interface SleepSoundsCheck {
  files: Array<{ entry: ManifestSleepSound; figures?: DeliveredFigures }>;
  /** The rise into the loop, the loop into itself, and the loop into the fade. */
  joins: Partial<Record<'rise' | 'loop' | 'fade', JoinFigures>>;
  /** How each ending with the bed hands over to the sleep sounds. */
  handOffs: HandOff[];
  problems: NightProblem[];
}

/**
 * The practice's last seconds against the sleep sounds' first: RMS of the last `HAND_OFF_SEC`
 * before the final edge fade, and of the first `HAND_OFF_SEC` of the rise (and, for comparison, of
 * the loop, which is what a listener heard there before the rise). dBFS.
 */
export interface HandOff {
  variant: string;
  practiceEndDb: number;
  riseStartDb: number;
  loopStartDb: number;
}

const HAND_OFF_SEC = 2;
/** The final edge fade (1.5 s) and the encoder's padding stay out of the practice's measured end. */
const END_MARGIN_SEC = 2;
/** At the hand-off the sounds may start at most this much over the practice's end: no jump. */
export const MAX_HAND_OFF_STEP_DB = 6;

const rmsDb = (x: Float32Array): number => {
  let sum = 0;
  for (const value of x) sum += value * value;
  return 10 * Math.log10(Math.max(sum / Math.max(1, x.length), 1e-20));
};

async function measureHandOff(dir: string, manifest: AudioManifest, variant: string, rise: string, loop: string, seconds: number): Promise<HandOff> {
  const last = path.join(dir, manifest.variantFiles[variant].at(-1) as string);
  const endSec = (await measureDurationMs(last)) / 1000 - END_MARGIN_SEC;
  const rate = manifest.encoder.sampleRate;
  const [end, riseHead, loopHead] = await Promise.all([
    decodeSliceFloat32(last, Math.max(0, endSec - seconds), endSec, rate),
    decodeSliceFloat32(path.join(dir, rise), 0, seconds, rate),
    decodeSliceFloat32(path.join(dir, loop), 0, seconds, rate),
  ]);
  return { variant, practiceEndDb: rmsDb(end), riseStartDb: rmsDb(riseHead), loopStartDb: rmsDb(loopHead) };
}

/** The variants sleep sounds follow: those with the bed, of the two endings' full practices. */
const HAND_OFF_VARIANTS = ['standard', 'bedtime'];

async function checkSleepFile(
  dir: string,
  entry: ManifestSleepSound,
  manifest: AudioManifest,
): Promise<{ figures?: DeliveredFigures; problems: NightProblem[] }> {
  const file = path.join(dir, entry.file);
  const problems: NightProblem[] = [];
  const fail = (figure: string, message: string): void => void problems.push({ file: entry.file, figure, message: `${figure} ${message}` });
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return { problems: [{ file: entry.file, figure: 'file', message: 'file is missing' }] };
  const [sha256, figures] = await Promise.all([sha256File(file), measureDelivered(file)]);
  problems.push(...windowProblems(entry.file, figures.integratedLufs, entry.targetLufs));
  if (!(figures.truePeakDbtp <= ALEXA_LOUDNESS.maxTruePeakDbtp))
    fail('true peak', `${figures.truePeakDbtp.toFixed(1)} dBTP is above ${ALEXA_LOUDNESS.maxTruePeakDbtp} dBTP`);
  if (figures.codec !== 'mp3') fail('codec', `is ${figures.codec}, not mp3`);
  if (figures.sampleRate !== manifest.encoder.sampleRate)
    fail('sample rate', `${figures.sampleRate} Hz is not the manifest's ${manifest.encoder.sampleRate} Hz`);
  const kbps = figures.bitrateKbps;
  if (kbps === undefined || kbps < MIN_BITRATE_KBPS || kbps > MAX_BITRATE_KBPS || kbps !== entry.bitrateKbps) {
    fail('bit rate', `${kbps ?? 'unknown'} kb/s (the manifest says ${entry.bitrateKbps}; AudioPlayer takes ${MIN_BITRATE_KBPS}-${MAX_BITRATE_KBPS})`);
  }
  if (Math.abs(figures.durationMs - entry.durationMs) > 30)
    fail('duration', `${figures.durationMs} ms, but the manifest says ${entry.durationMs} ms`);
  if (sha256 !== entry.sha256 || info.size !== entry.bytes) fail('sha256', 'sha256 or size differs from the manifest (file changed after rendering)');
  return { figures, problems };
}

/** The sleep-sounds files; `required` when the manifest delivers a mix with a bed. */
export async function checkSleepSounds(
  dir: string,
  manifest: AudioManifest,
  required: boolean,
  handOffSec = HAND_OFF_SEC,
): Promise<SleepSoundsCheck> {
  const result: SleepSoundsCheck = { files: [], joins: {}, handOffs: [], problems: [] };
  const entries = manifest.sleepSounds ?? [];
  const rise = entries.find((entry) => entry.role === 'rise');
  const loop = entries.find((entry) => entry.role === 'loop');
  const fade = entries.find((entry) => entry.role === 'fade');
  const missing = (['rise', 'loop', 'fade'] as const).filter((role) => !entries.some((entry) => entry.role === role));
  if (required && missing.length) {
    result.problems.push({
      file: 'manifest.json',
      figure: 'sleep sounds',
      message: `sleep sounds: the manifest lists no ${missing.join(' or ')} (run npm run audio)`,
    });
  }
  for (const entry of entries) {
    if (!/^sleep-sounds[A-Za-z0-9_-]*\.[0-9a-f]{10}\.mp3$/.test(entry.file)) {
      result.problems.push({ file: entry.file, figure: 'file name', message: 'file name does not start with sleep-sounds or lacks its hash' });
      continue;
    }
    const checked = await checkSleepFile(dir, entry, manifest);
    result.files.push({ entry, figures: checked.figures });
    result.problems.push(...checked.problems);
  }
  const measured = (entry?: ManifestSleepSound): boolean => !!entry && !!result.files.find((file) => file.entry === entry)?.figures;
  if (loop && measured(loop)) {
    // Each join as a gapless player makes it: the rise into the loop, the loop into itself and into the fade.
    for (const [name, first, next] of [
      ['rise', rise, loop],
      ['loop', loop, loop],
      ['fade', loop, fade],
    ] as const) {
      if (!first || !next || !measured(first) || !measured(next)) continue;
      const join = await measureJoin(path.join(dir, first.file), path.join(dir, next.file));
      result.joins[name] = join;
      for (const reason of joinProblems(join)) {
        const what = name === 'rise' ? 'rise' : 'loop';
        result.problems.push({
          file: first.file,
          figure: 'loop join',
          message: `${what} join into ${next === first ? 'itself' : next.file}: ${reason}`,
        });
      }
    }
    if (rise && measured(rise)) {
      for (const variant of HAND_OFF_VARIANTS.filter((name) => manifest.variantFiles[name]?.length)) {
        const handOff = await measureHandOff(dir, manifest, variant, rise.file, loop.file, handOffSec);
        result.handOffs.push(handOff);
        const step = handOff.riseStartDb - handOff.practiceEndDb;
        if (step > MAX_HAND_OFF_STEP_DB) {
          result.problems.push({
            file: rise.file,
            figure: 'hand-off',
            message: `after the ${variant} practice the sounds start ${step.toFixed(1)} dB over its end (at most ${MAX_HAND_OFF_STEP_DB})`,
          });
        }
      }
    }
  }
  return result;
}
