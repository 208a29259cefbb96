/**
 * `npm run audio:check [-- --dir <dir>]`: re-measures every file the manifest lists with ffmpeg
 * and fails, naming the file and the figure, when any is out of bounds: integrated loudness
 * (-14 LUFS +-1), true peak (<= -2 dBTP), format (MP3, the manifest's rate and channels, a bit rate
 * AudioPlayer accepts), duration and sha256 against the manifest, and every variant's files.
 * The loudness bounds are Alexa's, not the manifest's: a manifest cannot lower the bar.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { spineNidra } from '../../models/spine-nidra';
import { allSegments } from '../../models/variants';
import { checkSleepSounds, checkStepDown, windowProblems, type SleepSoundsCheck, type StepDown } from './check-night';
import { sha256File } from './ffmpeg';
import type { AudioManifest, ManifestSegment } from './manifest-types';
import { readManifest } from './manifest';
import { measureDelivered, type DeliveredFigures } from './measure';
import { ALEXA_LOUDNESS, MAX_BITRATE_KBPS, MIN_BITRATE_KBPS } from './render-key';
import { forEachLimited } from './render-files';

export interface CheckProblem {
  file: string;
  /** Which figure is wrong: `integrated loudness`, `true peak`, `duration`, ... */
  figure: string;
  message: string;
}

export interface CheckReport {
  dir: string;
  files: Array<{ file: string; figures?: DeliveredFigures; targetLufs?: number; stepDown?: StepDown }>;
  /** The practice's speech level: the median integrated loudness of the files whose voice does not soften. */
  practiceLufs?: number;
  sleepSounds?: SleepSoundsCheck;
  problems: CheckProblem[];
}

export interface CheckOptions {
  /**
   * Segments whose voice must soften, each with how far under the practice's level its last cue
   * belongs, LU (default: the Spine Nidra model's, for its manifest; none for a recording).
   */
  softenedSegments?: Readonly<Record<string, number>>;
  /** Seconds measured either side of the practice -> sleep sounds hand-off (default 2; short test renders use less). */
  handOffSec?: number;
}

function softenedSegmentsOf(manifest: AudioManifest): Record<string, number> {
  if (manifest.practiceId !== spineNidra.id || manifest.engine.startsWith('recording:')) return {};
  return Object.fromEntries(allSegments(spineNidra).flatMap((segment) => (segment.softening ? [[segment.id, -segment.softening.toDb]] : [])));
}

/** Manifest durations may differ from a fresh decode by this much (decoder rounding only). */
const DURATION_SLACK_MS = 30;

function checkFigures(entry: ManifestSegment, manifest: AudioManifest, m: DeliveredFigures, softened: boolean): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const fail = (figure: string, message: string): void => void problems.push({ file: entry.file, figure, message: `${figure} ${message}` });
  const { targetLufs, toleranceLu, maxTruePeakDbtp } = ALEXA_LOUDNESS;
  // A softened voice is quieter by design: Amazon's window and its own target; everything else -14 +-1.
  if (softened) problems.push(...windowProblems(entry.file, m.integratedLufs, entry.targetLufs));
  else if (Math.abs(m.integratedLufs - targetLufs) > toleranceLu) {
    const silent = m.integratedLufs <= -70 ? ' (silent)' : '';
    fail(
      'integrated loudness',
      `${m.integratedLufs.toFixed(1)} LUFS${silent} is outside ${targetLufs} +-${toleranceLu} LUFS (${targetLufs - toleranceLu} to ${targetLufs + toleranceLu})`,
    );
  }
  if (!Number.isFinite(m.truePeakDbtp)) fail('true peak', 'is -inf: the file is digital silence');
  else if (m.truePeakDbtp > maxTruePeakDbtp) fail('true peak', `${m.truePeakDbtp.toFixed(1)} dBTP is above ${maxTruePeakDbtp} dBTP`);
  if (m.codec !== 'mp3') fail('codec', `is ${m.codec}, not mp3`);
  if (m.sampleRate !== manifest.encoder.sampleRate) fail('sample rate', `${m.sampleRate} Hz is not the manifest's ${manifest.encoder.sampleRate} Hz`);
  if (m.channels !== manifest.encoder.channels) fail('channels', `${m.channels} is not the manifest's ${manifest.encoder.channels}`);
  const kbps = m.bitrateKbps;
  if (kbps === undefined || kbps < MIN_BITRATE_KBPS || kbps > MAX_BITRATE_KBPS) {
    fail('bit rate', `${kbps ?? 'unknown'} kb/s is outside the ${MIN_BITRATE_KBPS}-${MAX_BITRATE_KBPS} kb/s AudioPlayer accepts`);
  } else if (kbps !== entry.bitrateKbps) fail('bit rate', `${kbps} kb/s, but the manifest says ${entry.bitrateKbps} kb/s`);
  if (Math.abs(m.durationMs - entry.durationMs) > DURATION_SLACK_MS)
    fail('duration', `${m.durationMs} ms, but the manifest says ${entry.durationMs} ms`);
  return problems;
}

/** Variants must list existing files of the segments they name, and the default variant must exist. */
function checkVariants(manifest: AudioManifest): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const byFile = new Map(manifest.segments.map((entry) => [entry.file, entry]));
  if (!manifest.variants[manifest.defaultVariant]) {
    problems.push({ file: 'manifest.json', figure: 'variants', message: `variants: the default variant "${manifest.defaultVariant}" is missing` });
  }
  for (const [variant, order] of Object.entries(manifest.variants)) {
    const files = manifest.variantFiles?.[variant] ?? [];
    if (files.length !== order.length) {
      problems.push({
        file: 'manifest.json',
        figure: 'variants',
        message: `variants: "${variant}" lists ${order.length} segments but ${files.length} files`,
      });
      continue;
    }
    order.forEach((segmentId, index) => {
      if (byFile.get(files[index])?.segmentId !== segmentId) {
        problems.push({
          file: 'manifest.json',
          figure: 'variants',
          message: `variants: "${variant}" plays ${files[index]} as "${segmentId}", which is not that segment's file`,
        });
      }
    });
  }
  return problems;
}

export async function checkAudioDir(dir: string, options: CheckOptions = {}): Promise<CheckReport> {
  const report: CheckReport = { dir, files: [], problems: [] };
  let manifest: AudioManifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    report.problems.push({ file: 'manifest.json', figure: 'manifest', message: (error as Error).message });
    return report;
  }
  report.problems.push(...checkVariants(manifest));
  const softened = options.softenedSegments ?? softenedSegmentsOf(manifest);
  const isSoftened = (entry: ManifestSegment): boolean => softened[entry.segmentId] !== undefined || !!entry.softening;
  const results = new Map<string, { figures?: DeliveredFigures; problems: CheckProblem[] }>();
  await forEachLimited(manifest.segments, 2, async (entry) => {
    const file = path.join(dir, entry.file);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      results.set(entry.file, { problems: [{ file: entry.file, figure: 'file', message: 'file is missing' }] });
      return;
    }
    const [sha256, figures] = await Promise.all([sha256File(file), measureDelivered(file).catch((error: Error) => error)]);
    if (figures instanceof Error) {
      results.set(entry.file, { problems: [{ file: entry.file, figure: 'decode', message: `cannot decode: ${figures.message}` }] });
      return;
    }
    const problems = checkFigures(entry, manifest, figures, isSoftened(entry));
    if (sha256 !== entry.sha256 || info.size !== entry.bytes) {
      problems.push({ file: entry.file, figure: 'sha256', message: 'sha256 or size differs from the manifest (file changed after rendering)' });
    }
    results.set(entry.file, { figures, problems });
  });
  const speech = manifest.segments.filter((entry) => !isSoftened(entry)).flatMap((entry) => results.get(entry.file)?.figures?.integratedLufs ?? []);
  const practiceLufs = speech.length ? [...speech].sort((a, b) => a - b)[Math.floor(speech.length / 2)] : ALEXA_LOUDNESS.targetLufs;
  report.practiceLufs = practiceLufs;
  for (const entry of manifest.segments) {
    const result = results.get(entry.file);
    let stepDown: StepDown | undefined;
    report.problems.push(...(result?.problems ?? []));
    if (result?.figures && isSoftened(entry)) {
      const checked = await checkStepDown(dir, entry, practiceLufs, softened[entry.segmentId]);
      stepDown = checked.stepDown;
      report.problems.push(...checked.problems);
    }
    report.files.push({ file: entry.file, figures: result?.figures, targetLufs: entry.targetLufs, ...(stepDown ? { stepDown } : {}) });
  }
  const withBed = Object.values(manifest.variantInfo ?? {}).some((variant) => variant.ambience !== 'none');
  if (withBed || manifest.sleepSounds?.length) {
    report.sleepSounds = await checkSleepSounds(dir, manifest, withBed, options.handOffSec);
    report.problems.push(...report.sleepSounds.problems);
  }
  return report;
}

export function formatCheckReport(report: CheckReport): string {
  const measured = report.files.flatMap((entry) => entry.figures ?? []);
  const lines: string[] = [];
  if (measured.length) {
    const lufs = measured.map((figures) => figures.integratedLufs);
    const peak = Math.max(...measured.map((figures) => figures.truePeakDbtp));
    const totalMin = measured.reduce((sum, figures) => sum + figures.durationMs, 0) / 60000;
    lines.push(
      `audio:check: ${measured.length} of ${report.files.length} files measured in ${report.dir}: ` +
        `${Math.min(...lufs).toFixed(1)} to ${Math.max(...lufs).toFixed(1)} LUFS, true peak at most ${peak.toFixed(1)} dBTP, ${totalMin.toFixed(1)} min`,
    );
  }
  for (const entry of report.files.filter((file) => file.stepDown && file.figures)) {
    const { figures, stepDown } = entry as Required<typeof entry>;
    lines.push(
      `audio:check: softened ${entry.file}: ${figures.integratedLufs.toFixed(1)} LUFS (target ${entry.targetLufs ?? '?'}), ${figures.truePeakDbtp.toFixed(1)} dBTP, ` +
        `last cue ${stepDown.lastCueLufs.toFixed(1)} LUFS, ${stepDown.belowLu.toFixed(1)} LU under the practice's ${(report.practiceLufs ?? 0).toFixed(1)}`,
    );
  }
  for (const { entry, figures } of report.sleepSounds?.files ?? []) {
    if (!figures) continue;
    const join = report.sleepSounds?.joins[entry.role];
    const into = { rise: 'into the loop', loop: 'into itself', fade: 'into it from the loop' }[entry.role];
    const joined = join
      ? `; join ${into}: ${join.joinRmsDb.toFixed(1)} dBFS (elsewhere ${join.rangeRmsDb[0].toFixed(1)} to ${join.rangeRmsDb[1].toFixed(1)}), ` +
        `dip ${join.dipDb.toFixed(1)} dB, step ${join.stepDb.toFixed(1)} dB, click ${join.clickDb.toFixed(1)} dB`
      : '';
    lines.push(
      `audio:check: sleep sounds ${entry.file} (${entry.role}): ${figures.integratedLufs.toFixed(1)} LUFS (target ${entry.targetLufs}), ${figures.truePeakDbtp.toFixed(1)} dBTP, ` +
        `${(figures.durationMs / 60000).toFixed(1)} min, ${figures.bitrateKbps} kb/s${joined}`,
    );
  }
  for (const handOff of report.sleepSounds?.handOffs ?? []) {
    lines.push(
      `audio:check: sleep sounds after the ${handOff.variant} practice: its last 2 s ${handOff.practiceEndDb.toFixed(1)} dBFS, ` +
        `the rise's first ${handOff.riseStartDb.toFixed(1)} dBFS (${(handOff.riseStartDb - handOff.practiceEndDb).toFixed(1)} dB; ` +
        `the loop's first would be ${handOff.loopStartDb.toFixed(1)} dBFS, ${(handOff.loopStartDb - handOff.practiceEndDb).toFixed(1)} dB)`,
    );
  }
  for (const problem of report.problems) lines.push(`audio:check: ${problem.file}: ${problem.message}`);
  lines.push(
    report.problems.length ? `audio:check: FAILED (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'})` : 'audio:check: OK',
  );
  return lines.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--dir');
  const dir = path.resolve(at >= 0 && args[at + 1] ? args[at + 1] : process.env.AUDIO_DIR || path.resolve(__dirname, '../../audio'));
  checkAudioDir(dir).then(
    (report) => {
      const text = formatCheckReport(report);
      if (report.problems.length) {
        console.error(text);
        process.exitCode = 1;
      } else console.log(text);
    },
    (error: Error) => {
      console.error(`audio:check: failed: ${error.message}`);
      process.exitCode = 1;
    },
  );
}
