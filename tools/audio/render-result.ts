/** What a render run reports: progress while it runs, and the result (files, stats) at the end. */
import type { AudioManifest, ManifestSegment, ManifestSleepSound } from './manifest-types';

export type SegmentOutcome = 'rendered' | 'cached';

/** Receives progress; see progress.ts for the console implementation. */
export interface RenderReporter {
  /** `total` segments will be delivered; `toRender` of them need at least one file rendered. */
  start(total: number, toRender: number): void;
  segmentStarted(segmentId: string): void;
  /** `durationMs`: of the segment's default-mix file. */
  segmentFinished(segmentId: string, outcome: SegmentOutcome, durationMs: number): void;
  stop(): void;
}

export const SILENT_REPORTER: RenderReporter = {
  start: () => undefined,
  segmentStarted: () => undefined,
  segmentFinished: () => undefined,
  stop: () => undefined,
};

export interface FileReport extends ManifestSegment {
  outcome: SegmentOutcome;
}

export interface RenderStats {
  /** Segments delivered (each has a file per mix its variants play). */
  segments: number;
  files: number;
  /** Files rendered by this run, and files reused. */
  rendered: number;
  cached: number;
  /** Measured length of the default variant. */
  totalDurationMs: number;
  /** Measured total of the files rendered by this run. */
  renderedDurationMs: number;
  /** Wall time of the whole run. */
  renderMs: number;
  /** renderedDurationMs / renderMs; undefined when nothing was rendered. */
  realtimeFactor?: number;
  /** Words and seconds of speech (trimmed, without pauses) synthesized by this run. */
  words: number;
  speechSec: number;
  wordsPerMinute?: number;
  /** Integrated loudness and true peak across every delivered file. */
  loudness?: { minLufs: number; maxLufs: number; maxTruePeakDbtp: number };
  /** Each delivered variant's measured length. */
  variants: Array<{ id: string; segments: number; durationMs: number }>;
  /** Basenames of unreferenced rendered files this run deleted. */
  removedFiles: string[];
}

export interface RenderResult {
  /** Undefined when segments are missing (an `only` run on an empty directory): no manifest written. */
  manifest?: AudioManifest;
  manifestPath: string;
  /** Every delivered file present after the run, segment by segment. */
  files: FileReport[];
  /** The sleep-sounds loop and fade (none when no mix has a bed). */
  sleepSounds: Array<ManifestSleepSound & { outcome: SegmentOutcome }>;
  /** Segments with a file missing. */
  missing: string[];
  stats: RenderStats;
}
