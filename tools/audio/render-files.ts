/**
 * The delivery half of the renderer, shared by the speech engines and the recording import: for
 * every segment, one file per ambience mix its variants play, mastered to the loudness targets and
 * named by content hash (`<segmentId>.<hash10>.mp3`). A file already present under its name is
 * reused (its figures too, when the old manifest vouches for the same bytes), so a second run
 * renders nothing; a segment shared by several variants is rendered once. Then the manifest.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Segment } from '../../models/practice-types';
import { estimateSegmentSec } from '../../models/timing';
import { VARIANT_ID_PATTERN, type AmbienceId, type DeliveredVariant } from '../../models/variants';
import { fitBedUnderVoice, makeBed } from './ambience';
import { masterToMp3, voiceGainDb } from './master';
import { measureDelivered, type DeliveredFigures } from './measure';
import type { ManifestSegment } from './manifest-types';
import { buildManifest, readManifestFigures, readPreviousSleepSounds, removeUnreferenced, writeManifest } from './manifest';
import { bedSeed, fileKey, SEGMENT_ID_PATTERN, type LoudnessSettings, type RenderSettings } from './render-key';
import type { VoiceTrack } from './segment-audio';
import { renderSleepSounds } from './sleep-sounds';
import { softenVoice } from './soften';
import { sha256File } from './ffmpeg';
import { SILENT_REPORTER, type RenderReporter, type RenderResult, type FileReport } from './render-result';

/** Where one segment's voice comes from. */
export interface VoiceSource {
  segment: Segment;
  /** Everything that determines the voice (hashed into the file names; seeds the bed). */
  inputs: unknown;
  load(): Promise<VoiceTrack>;
}

export interface RenderFilesOptions {
  practiceId: string;
  /** Model order. */
  sources: VoiceSource[];
  /** The default variant first. */
  variants: DeliveredVariant[];
  outDir: string;
  settings: RenderSettings;
  /** Recorded in the manifest: the engine id or `recording:<file>`. */
  engineId: string;
  /** Render only these segment ids (others are reused if present, never rendered). */
  only?: readonly string[];
  /** Segments in flight at once; default 3 (one synthesizing while others encode, on two cores). */
  concurrency?: number;
  reporter?: RenderReporter;
}

interface PlannedFile {
  ambience: AmbienceId;
  file: string;
  variants: string[];
}

interface PlannedSegment {
  source: VoiceSource;
  /** Default mix last. */
  files: PlannedFile[];
  selected: boolean;
}

function plan(options: RenderFilesOptions): PlannedSegment[] {
  const { sources, variants, settings } = options;
  const ids = new Set<string>();
  for (const { segment } of sources) {
    if (!SEGMENT_ID_PATTERN.test(segment.id)) throw new Error(`segment "${segment.id}": id must match ${SEGMENT_ID_PATTERN}`);
    if (ids.has(segment.id)) throw new Error(`segment "${segment.id}": duplicate segment id`);
    ids.add(segment.id);
  }
  if (variants.length === 0) throw new Error('no variants to render');
  for (const variant of variants) {
    if (!VARIANT_ID_PATTERN.test(variant.id)) throw new Error(`variant "${variant.id}": id must match ${VARIANT_ID_PATTERN}`);
    const unknown = variant.sequence.find((id) => !ids.has(id));
    if (unknown) throw new Error(`variant "${variant.id}" plays "${unknown}", which has no voice source`);
  }
  const only = options.only ? new Set(options.only) : undefined;
  const unknown = [...(only ?? [])].filter((id) => !ids.has(id));
  if (unknown.length) throw new Error(`unknown segment id(s): ${unknown.join(', ')} (have: ${[...ids].join(', ')})`);
  const defaultMix = variants[0].ambience;
  return sources.flatMap((source) => {
    const { segment } = source;
    const playing = variants.filter((variant) => variant.sequence.includes(segment.id));
    if (playing.length === 0) return [];
    const mixes = [...new Set(playing.map((variant) => variant.ambience))].sort((a, b) => Number(a === defaultMix) - Number(b === defaultMix));
    const files = mixes.map((ambience) => ({
      ambience,
      file: `${segment.id}.${fileKey(source.inputs, settings, ambience, segment.ambienceFadeOutSec)}.mp3`,
      variants: playing.filter((variant) => variant.ambience === ambience).map((variant) => variant.id),
    }));
    return [{ source, files, selected: !only || only.has(segment.id) }];
  });
}

async function isNonEmptyFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return !!info && info.isFile() && info.size > 0;
}

/** Runs `task` over `items` with at most `limit` in flight; after the first failure nothing new starts. */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure) throw failure.error;
}

export async function renderFiles(options: RenderFilesOptions): Promise<RenderResult> {
  const startedAt = Date.now();
  const { settings } = options;
  const reporter = options.reporter ?? SILENT_REPORTER;
  const outDir = path.resolve(options.outDir);
  const planned = plan(options);
  await mkdir(outDir, { recursive: true });
  const previous = await readManifestFigures(outDir);

  const present = new Set<string>();
  for (const item of planned) {
    // A softened file's last-cue place is known only from its render (or the manifest that recorded it).
    const recorded = (file: string): boolean => !item.source.segment.softening || !!previous.get(file)?.softening;
    for (const { file } of item.files) if (recorded(file) && (await isNonEmptyFile(path.join(outDir, file)))) present.add(file);
  }
  const needsWork = (item: PlannedSegment): boolean => item.selected && item.files.some(({ file }) => !present.has(file));
  const active = planned.filter((item) => needsWork(item) || item.files.every(({ file }) => present.has(file)));
  reporter.start(active.length, planned.filter(needsWork).length);

  const reports = new Map<string, FileReport>();
  let words = 0;
  let speechSec = 0;
  try {
    // Longest first (by the model's estimate; only the order depends on it), so the run does not
    // end waiting on one long segment.
    const order = [...active].sort((a, b) => estimateSegmentSec(b.source.segment) - estimateSegmentSec(a.source.segment));
    await forEachLimited(order, options.concurrency ?? 3, async (item) => {
      const { segment } = item.source;
      reporter.segmentStarted(segment.id);
      try {
        const fresh = new Map<string, MixFigures>();
        if (needsWork(item)) {
          const voice = await item.source.load();
          words += voice.words;
          speechSec += voice.speechSec;
          const leveled = levelVoice(segment, voice, settings);
          // The mixes of one segment encode side by side: LAME is single-threaded.
          const missingFiles = item.files.filter(({ file }) => !present.has(file));
          await Promise.all(
            missingFiles.map(async (planned) => {
              const done = await renderMix(item.source, planned, leveled, settings, path.join(outDir, planned.file));
              fresh.set(planned.file, done);
            }),
          );
        }
        for (const planned of item.files) {
          const report = await describeFile(
            segment,
            planned,
            path.join(outDir, planned.file),
            fresh.get(planned.file),
            previous,
            settings.loudness.targetLufs,
          );
          reports.set(planned.file, report);
        }
        const main = reports.get(item.files[item.files.length - 1].file) as FileReport;
        reporter.segmentFinished(segment.id, fresh.size ? 'rendered' : 'cached', main.durationMs);
      } catch (error) {
        throw new Error(`segment "${segment.id}": ${(error as Error).message}`, { cause: error });
      }
    });
  } finally {
    reporter.stop();
  }

  // The bed carries on after the practice wherever the practice has one.
  const sleepSounds = options.variants.some((variant) => variant.ambience !== 'none')
    ? await renderSleepSounds(outDir, settings, await readPreviousSleepSounds(outDir))
    : [];
  const files = planned.flatMap((item) => item.files.flatMap(({ file }) => reports.get(file) ?? []));
  const missing = planned.filter((item) => item.files.some(({ file }) => !reports.has(file))).map((item) => item.source.segment.id);
  const manifestPath = path.join(outDir, 'manifest.json');
  const manifest = missing.length === 0 ? buildManifest(options, files, sleepSounds) : undefined;
  const removedFiles: string[] = [];
  if (manifest) {
    await writeManifest(manifestPath, manifest);
    removedFiles.push(...(await removeUnreferenced(outDir, new Set([...files, ...sleepSounds].map((entry) => entry.file)))));
  }
  return {
    manifest,
    manifestPath,
    files,
    sleepSounds,
    missing,
    stats: summarize(options, files, { words, speechSec, renderMs: Date.now() - startedAt, removedFiles, segments: planned.length }),
  };
}

interface MixFigures extends DeliveredFigures {
  bedBelowSpeechLu?: number;
  targetLufs?: number;
  softening?: ManifestSegment['softening'];
}

/** A segment's voice with the gain that levels it, and the loudness its files are mastered to. */
interface LeveledVoice {
  samples: Float32Array;
  gainDb: number;
  loudness: LoudnessSettings;
  softening?: ManifestSegment['softening'];
}

/**
 * The practice's level, or, where the segment's voice softens (and the cues' places are known: not
 * in a recording), each cue at its step below it, and the file's target the softened voice's own.
 */
function levelVoice(segment: Segment, voice: VoiceTrack, settings: RenderSettings): LeveledVoice {
  const rate = settings.encoder.sampleRate;
  if (segment.softening && voice.cueSpans?.length) {
    const softened = softenVoice(voice.samples, voice.cueSpans, segment.softening, rate, settings.loudness.targetLufs);
    const { lastCue } = softened;
    return {
      samples: softened.samples,
      gainDb: 0,
      loudness: { ...settings.loudness, targetLufs: softened.targetLufs },
      softening: { lastCueStartMs: lastCue.startMs, lastCueEndMs: lastCue.endMs, lastCueBelowLu: lastCue.belowLu },
    };
  }
  return {
    samples: voice.samples,
    gainDb: voiceGainDb(voice.samples, rate, settings.loudness, `segment "${segment.id}"`),
    loudness: settings.loudness,
  };
}

/** One file of a segment: its bed (seeded by the voice inputs, fitted under the voice), mastered and encoded. */
async function renderMix(
  source: VoiceSource,
  planned: PlannedFile,
  leveled: LeveledVoice,
  settings: RenderSettings,
  outFile: string,
): Promise<MixFigures> {
  const { samples: voice, gainDb } = leveled;
  const rate = settings.encoder.sampleRate;
  let bed: Float32Array | undefined;
  let bedBelowSpeechLu: number | undefined;
  if (planned.ambience !== 'none') {
    const { ambience } = settings;
    // The bed keeps its distance under the file's own target, so where the voice softens the forest
    // softens with it; and BS.1770's relative gate, which falls with the voice, still leaves it out.
    bed = await makeBed(voice.length, rate, ambience, bedSeed(source.inputs), {
      lufs: leveled.loudness.targetLufs - ambience.belowSpeechLu,
      edgeFadeSec: ambience.edgeFadeSec,
      fadeOutSec: source.segment.ambienceFadeOutSec,
    });
    bedBelowSpeechLu = fitBedUnderVoice(voice, gainDb, bed, rate, ambience);
  }
  const mastered = await masterToMp3({ voice, voiceGainDb: gainDb, bed }, leveled.loudness, settings.encoder, outFile);
  return {
    ...mastered.figures,
    ...(bedBelowSpeechLu !== undefined ? { bedBelowSpeechLu } : {}),
    targetLufs: leveled.loudness.targetLufs,
    ...(leveled.softening ? { softening: leveled.softening } : {}),
  };
}

async function describeFile(
  segment: Segment,
  planned: PlannedFile,
  filePath: string,
  fresh: MixFigures | undefined,
  previous: ReadonlyMap<string, ManifestSegment>,
  practiceLufs: number,
): Promise<FileReport> {
  const [sha256, info] = await Promise.all([sha256File(filePath), stat(filePath)]);
  const known = previous.get(planned.file);
  const reusable = !fresh && known && known.sha256 === sha256 && known.bytes === info.size;
  // A file whose bytes the old manifest vouches for keeps its figures; anything else is measured.
  const figures: MixFigures | ManifestSegment = fresh ?? (reusable ? known : await measureDelivered(filePath));
  const bitrateKbps = figures.bitrateKbps;
  if (bitrateKbps === undefined) throw new Error(`${planned.file}: ffmpeg reports no bit rate`);
  return {
    segmentId: segment.id,
    sectionId: segment.sectionId,
    file: planned.file,
    ambience: planned.ambience,
    variants: planned.variants,
    durationMs: figures.durationMs,
    integratedLufs: figures.integratedLufs,
    truePeakDbtp: figures.truePeakDbtp,
    loudnessRangeLu: figures.loudnessRangeLu,
    ...(figures.bedBelowSpeechLu !== undefined ? { bedBelowSpeechLu: figures.bedBelowSpeechLu } : {}),
    // Measured without a record: not a softened file (those render again), so the practice's target.
    targetLufs: figures.targetLufs ?? practiceLufs,
    ...(figures.softening ? { softening: figures.softening } : {}),
    bitrateKbps,
    sampleRate: figures.sampleRate,
    channels: figures.channels,
    sha256,
    bytes: info.size,
    outcome: fresh ? 'rendered' : 'cached',
  };
}

function summarize(
  options: RenderFilesOptions,
  files: readonly FileReport[],
  run: { words: number; speechSec: number; renderMs: number; removedFiles: string[]; segments: number },
): RenderResult['stats'] {
  const byFile = new Map(files.map((entry) => [entry.file, entry]));
  const variants = options.variants.map((variant) => {
    const entries = files.filter((entry) => entry.variants.includes(variant.id));
    return { id: variant.id, segments: variant.sequence.length, durationMs: entries.reduce((sum, entry) => sum + entry.durationMs, 0) };
  });
  const rendered = files.filter((entry) => entry.outcome === 'rendered');
  const renderedDurationMs = rendered.reduce((sum, entry) => sum + entry.durationMs, 0);
  const lufs = files.map((entry) => entry.integratedLufs);
  return {
    segments: run.segments,
    files: byFile.size,
    rendered: rendered.length,
    cached: files.length - rendered.length,
    totalDurationMs: variants[0]?.durationMs ?? 0,
    renderedDurationMs,
    renderMs: run.renderMs,
    realtimeFactor: rendered.length ? renderedDurationMs / run.renderMs : undefined,
    words: run.words,
    speechSec: run.speechSec,
    wordsPerMinute: run.speechSec > 0 ? (run.words / run.speechSec) * 60 : undefined,
    loudness: files.length
      ? { minLufs: Math.min(...lufs), maxLufs: Math.max(...lufs), maxTruePeakDbtp: Math.max(...files.map((entry) => entry.truePeakDbtp)) }
      : undefined,
    variants,
    removedFiles: run.removedFiles,
  };
}
