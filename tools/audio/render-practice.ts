/**
 * Renders every segment of a practice into `<out>/<segmentId>.<hash10>.mp3` and writes
 * `<out>/manifest.json`. Files already present under their hashed name are reused, so a run only
 * renders what changed; unreferenced rendered files are removed once the manifest is complete.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Practice, Segment } from '../../models/practice-types';
import { measureDurationMs, sha256File } from './ffmpeg';
import type { AudioManifest, ManifestSegment } from './manifest-types';
import {
  DEFAULT_RENDER_SETTINGS,
  RENDERED_FILE_PATTERN,
  SEGMENT_ID_PATTERN,
  renderedFileName,
  voiceSettingsId,
  type RenderSettings,
} from './render-key';
import { renderSegmentAudio } from './segment-audio';
import { createSpeechEngine, type SpeechEngine } from './speech-engine';

export type SegmentOutcome = 'rendered' | 'cached';

/** Receives progress; see progress.ts for the console implementation. */
export interface RenderReporter {
  /** `total` segments will be measured; `toRender` of them have no file yet and are synthesized first. */
  start(total: number, toRender: number): void;
  segmentStarted(segmentId: string): void;
  segmentFinished(segmentId: string, outcome: SegmentOutcome, durationMs: number): void;
  stop(): void;
}

export const SILENT_REPORTER: RenderReporter = {
  start: () => undefined,
  segmentStarted: () => undefined,
  segmentFinished: () => undefined,
  stop: () => undefined,
};

export interface RenderPracticeOptions {
  outDir: string;
  settings?: RenderSettings;
  /** Render only these segment ids (others are reused if present, never rendered). */
  only?: readonly string[];
  /** Segments rendered at once; default 2 (flite also runs on two worker threads). */
  concurrency?: number;
  /** Defaults to the engine `settings.voice` describes; its id must match those settings. */
  engine?: SpeechEngine;
  reporter?: RenderReporter;
}

export interface SegmentReport extends ManifestSegment {
  outcome: SegmentOutcome;
}

export interface RenderStats {
  segments: number;
  rendered: number;
  cached: number;
  /** Measured total of every segment in the manifest (or of those present, without one). */
  totalDurationMs: number;
  /** Measured total of the segments rendered by this run. */
  renderedDurationMs: number;
  /** Wall time of the whole run. */
  renderMs: number;
  /** renderedDurationMs / renderMs; undefined when nothing was rendered. */
  realtimeFactor?: number;
  /** Words and seconds of speech (trimmed, without pauses) in the rendered segments. */
  words: number;
  speechSec: number;
  /** words / speechSec * 60 over the rendered segments; undefined when nothing was rendered. */
  wordsPerMinute?: number;
  /** Basenames of unreferenced rendered files this run deleted. */
  removedFiles: string[];
}

export interface RenderPracticeResult {
  /** Undefined when segments are missing (an `only` run on an empty directory): no manifest written. */
  manifest?: AudioManifest;
  manifestPath: string;
  /** Segments with a file, in practice order. */
  segments: SegmentReport[];
  /** Segment ids that have no file (never rendered and not selected by `only`). */
  missing: string[];
  stats: RenderStats;
}

interface PlannedSegment {
  segment: Segment;
  file: string;
  selected: boolean;
}

export async function renderPractice(practice: Practice, options: RenderPracticeOptions): Promise<RenderPracticeResult> {
  const startedAt = Date.now();
  const settings = options.settings ?? DEFAULT_RENDER_SETTINGS;
  const reporter = options.reporter ?? SILENT_REPORTER;
  const outDir = path.resolve(options.outDir);
  const engineId = voiceSettingsId(settings.voice);
  if (options.engine && options.engine.id !== engineId) {
    throw new Error(`engine "${options.engine.id}" does not match the voice settings "${engineId}"`);
  }

  const segments = practiceSegments(practice);
  const only = options.only ? new Set(options.only) : undefined;
  const unknown = [...(only ?? [])].filter((id) => !segments.some((segment) => segment.id === id));
  if (unknown.length) {
    throw new Error(`unknown segment id(s): ${unknown.join(', ')} (have: ${segments.map((s) => s.id).join(', ')})`);
  }
  const plan: PlannedSegment[] = segments.map((segment) => ({
    segment,
    file: renderedFileName(segment, settings),
    selected: !only || only.has(segment.id),
  }));

  await mkdir(outDir, { recursive: true });
  const present = new Set<string>();
  for (const item of plan) if (await isNonEmptyFile(path.join(outDir, item.file))) present.add(item.file);
  const toRender = plan.filter((item) => item.selected && !present.has(item.file));

  let engine = options.engine;
  const ownsEngine = !engine && toRender.length > 0;
  if (ownsEngine) engine = createSpeechEngine(settings.voice, { concurrency: options.concurrency ?? 2 });

  const reports = new Map<string, SegmentReport>();
  let words = 0;
  let speechSec = 0;
  reporter.start(plan.filter((item) => present.has(item.file) || toRender.includes(item)).length, toRender.length);
  try {
    await forEachLimited(plan, options.concurrency ?? 2, async (item) => {
      const filePath = path.join(outDir, item.file);
      const needsRender = toRender.includes(item);
      if (!needsRender && !present.has(item.file)) return;
      reporter.segmentStarted(item.segment.id);
      try {
        if (needsRender) {
          const audio = await renderSegmentAudio(item.segment, settings, engine as SpeechEngine, filePath);
          words += audio.words;
          speechSec += audio.speechSec;
        }
        const report = await describeFile(item, filePath, needsRender ? 'rendered' : 'cached');
        reports.set(item.segment.id, report);
        reporter.segmentFinished(item.segment.id, report.outcome, report.durationMs);
      } catch (error) {
        throw new Error(`segment "${item.segment.id}": ${(error as Error).message}`, { cause: error });
      }
    });
  } finally {
    reporter.stop();
    if (ownsEngine) await engine?.close?.();
  }

  const ordered = plan.flatMap((item) => reports.get(item.segment.id) ?? []);
  const missing = plan.filter((item) => !reports.has(item.segment.id)).map((item) => item.segment.id);
  const manifestPath = path.join(outDir, 'manifest.json');
  let manifest: AudioManifest | undefined;
  const removedFiles: string[] = [];
  if (missing.length === 0) {
    manifest = {
      practiceId: practice.id,
      version: 1,
      generatedAt: new Date().toISOString(),
      engine: engineId,
      segments: ordered.map(({ outcome: _outcome, ...entry }) => entry),
      variants: { standard: ordered.map((entry) => entry.segmentId) },
    };
    await writeFileAtomically(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    removedFiles.push(...(await removeUnreferenced(outDir, new Set(ordered.map((entry) => entry.file)))));
  }

  const renderMs = Date.now() - startedAt;
  const rendered = ordered.filter((entry) => entry.outcome === 'rendered');
  const renderedDurationMs = rendered.reduce((sum, entry) => sum + entry.durationMs, 0);
  return {
    manifest,
    manifestPath,
    segments: ordered,
    missing,
    stats: {
      segments: plan.length,
      rendered: rendered.length,
      cached: ordered.length - rendered.length,
      totalDurationMs: ordered.reduce((sum, entry) => sum + entry.durationMs, 0),
      renderedDurationMs,
      renderMs,
      realtimeFactor: rendered.length ? renderedDurationMs / renderMs : undefined,
      words,
      speechSec,
      wordsPerMinute: speechSec > 0 ? (words / speechSec) * 60 : undefined,
      removedFiles,
    },
  };
}

/** Every segment in practice order, after checking ids and timings are usable. */
export function practiceSegments(practice: Practice): Segment[] {
  const seen = new Set<string>();
  const segments: Segment[] = [];
  for (const section of practice.sections) {
    for (const segment of section.segments) {
      const where = `segment "${segment.id}"`;
      if (!SEGMENT_ID_PATTERN.test(segment.id)) throw new Error(`${where}: id must match ${SEGMENT_ID_PATTERN}`);
      if (seen.has(segment.id)) throw new Error(`${where}: duplicate segment id`);
      if (segment.sectionId !== section.id) {
        throw new Error(`${where}: sectionId "${segment.sectionId}" but it is in section "${section.id}"`);
      }
      if (!(segment.leadInSec >= 0)) throw new Error(`${where}: invalid leadInSec ${segment.leadInSec}`);
      if (segment.cues.length === 0) throw new Error(`${where}: has no cues`);
      segment.cues.forEach((cue, index) => {
        if (!(cue.pauseSec >= 0)) throw new Error(`${where}: cue ${index + 1} has invalid pauseSec ${cue.pauseSec}`);
      });
      seen.add(segment.id);
      segments.push(segment);
    }
  }
  if (segments.length === 0) throw new Error(`practice "${practice.id}" has no segments`);
  return segments;
}

async function describeFile(item: PlannedSegment, filePath: string, outcome: SegmentOutcome): Promise<SegmentReport> {
  const [durationMs, sha256, info] = await Promise.all([measureDurationMs(filePath), sha256File(filePath), stat(filePath)]);
  return {
    segmentId: item.segment.id,
    sectionId: item.segment.sectionId,
    file: item.file,
    durationMs,
    sha256,
    bytes: info.size,
    outcome,
  };
}

/** Deletes `<id>.<hash10>.mp3` files (and their leftover `.partial`s) that are not in `keep`. */
async function removeUnreferenced(outDir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(outDir)) {
    const rendered = name.endsWith('.partial') ? name.slice(0, -'.partial'.length) : name;
    if (!RENDERED_FILE_PATTERN.test(rendered) || keep.has(name)) continue;
    await rm(path.join(outDir, name), { force: true });
    removed.push(name);
  }
  return removed.sort();
}

async function isNonEmptyFile(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return !!info && info.isFile() && info.size > 0;
}

async function writeFileAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

/**
 * Runs `task` over `items` with at most `limit` in flight. On the first failure no new task
 * starts; the ones running finish, then the first error is thrown.
 */
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
