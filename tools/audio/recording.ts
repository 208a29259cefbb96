/**
 * A teacher's own recording instead of synthesized speech: one long file (WAV, MP3, M4A: anything
 * ffmpeg decodes) plus a cue sheet naming where each segment starts. Each slice is levelled,
 * mixed, mastered and encoded exactly like a synthesized segment, into the same manifest.
 *
 * Cue sheet, one entry per line (blank lines and `#` comments ignored):
 *   <segment-id> <start>     start as seconds (93.5), m:ss(.fff) (1:33.5) or h:mm:ss(.fff)
 *   end <time>               optional, last: where the last segment stops (default: end of file)
 * Segments run from their start to the next line's time. Times strictly increase.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Practice } from '../../models/practice-types';
import { AMBIENCE_MIXES, allSegments, deliveredVariants, type AmbienceMix } from '../../models/variants';
import { decodeSliceFloat32, measureAudio, sha256File } from './ffmpeg';
import { DEFAULT_RENDER_SETTINGS, type RenderSettings } from './render-key';
import { renderFiles } from './render-files';
import type { RenderReporter, RenderResult } from './render-result';

export interface CueSheetEntry {
  segmentId: string;
  startSec: number;
  /** Undefined for the last segment without an `end` line: it runs to the end of the recording. */
  endSec?: number;
}

/** Seconds from `93.5`, `1:33.5` or `1:01:33.5`; undefined when it is not such a time. */
export function parseCueTime(text: string): number | undefined {
  const match = /^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) return undefined;
  const [, hours, minutes, seconds] = match;
  if ((hours !== undefined || minutes !== undefined) && Number(seconds) >= 60) return undefined;
  if (hours !== undefined && Number(minutes) >= 60) return undefined;
  return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds);
}

/** Parses and validates a cue sheet against the practice's segment ids; errors name the line. */
export function parseCueSheet(text: string, knownIds: readonly string[], source = 'cue sheet'): CueSheetEntry[] {
  const entries: CueSheetEntry[] = [];
  let endSec: number | undefined;
  let previous: { sec: number; line: number } | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/#.*/, '').trim();
    if (content === '') return;
    const fail = (message: string): never => {
      throw new Error(`${source} line ${line}: ${message}\n  ${raw.trim()}`);
    };
    const fields = content.split(/\s+/);
    if (fields.length !== 2) fail('expected "<segment-id> <start time>"');
    const [id, time] = fields;
    const sec = parseCueTime(time);
    if (sec === undefined) fail(`"${time}" is not a time (use seconds, m:ss or h:mm:ss, with optional .fff)`);
    if (endSec !== undefined) fail('nothing may follow the "end" line');
    if (previous && (sec as number) <= previous.sec) fail(`time ${time} is not after the previous line's (line ${previous.line})`);
    previous = { sec: sec as number, line };
    if (id === 'end') {
      if (entries.length === 0) fail('"end" before any segment');
      endSec = sec;
      return;
    }
    if (!knownIds.includes(id)) fail(`unknown segment id "${id}" (known: ${knownIds.join(', ')})`);
    if (entries.some((entry) => entry.segmentId === id)) fail(`segment "${id}" is listed twice`);
    entries.push({ segmentId: id, startSec: sec as number });
  });
  if (entries.length === 0) throw new Error(`${source}: no segments listed`);
  return entries.map((entry, i) => ({ ...entry, endSec: entries[i + 1]?.startSec ?? endSec }));
}

export interface ImportRecordingOptions {
  recording: string;
  cueSheet: string;
  outDir: string;
  settings?: RenderSettings;
  mixes?: readonly AmbienceMix[];
  concurrency?: number;
  reporter?: RenderReporter;
}

/** Short fades where the recording is cut, so a slice never starts or stops on a click. */
const EDGE_FADE_SEC = 0.015;
/** A slice shorter than this is surely a cue-sheet mistake. */
const MIN_SEGMENT_SEC = 1;

export async function importRecording(practice: Practice, options: ImportRecordingOptions): Promise<RenderResult & { skippedVariants: string[] }> {
  const settings = options.settings ?? DEFAULT_RENDER_SETTINGS;
  const segments = allSegments(practice);
  const sheetText = await readFile(options.cueSheet, 'utf8');
  const entries = parseCueSheet(
    sheetText,
    segments.map((segment) => segment.id),
    path.basename(options.cueSheet),
  );
  const [info, sha256] = await Promise.all([measureAudio(options.recording), sha256File(options.recording)]);
  const recordingSec = info.durationMs / 1000;
  const slices = entries.map((entry) => ({ ...entry, endSec: entry.endSec ?? recordingSec }));
  for (const slice of slices) {
    if (slice.endSec > recordingSec + 0.05) {
      throw new Error(`cue sheet: segment "${slice.segmentId}" ends at ${slice.endSec} s, after the recording's end (${recordingSec.toFixed(3)} s)`);
    }
    if (slice.endSec - slice.startSec < MIN_SEGMENT_SEC) {
      throw new Error(`cue sheet: segment "${slice.segmentId}" lasts ${(slice.endSec - slice.startSec).toFixed(3)} s (is a time wrong?)`);
    }
  }

  const recorded = new Set(slices.map((slice) => slice.segmentId));
  const all = deliveredVariants(practice, options.mixes ?? AMBIENCE_MIXES);
  const variants = all.filter((variant) => variant.sequence.every((id) => recorded.has(id)));
  if (variants[0]?.id !== all[0].id) {
    const lacking = all[0].sequence.filter((id) => !recorded.has(id));
    throw new Error(`cue sheet: the ${all[0].id} variant needs segments it does not list: ${lacking.join(', ')}`);
  }
  const rate = settings.encoder.sampleRate;
  const result = await renderFiles({
    practiceId: practice.id,
    sources: segments
      .filter((segment) => recorded.has(segment.id))
      .map((segment) => {
        const slice = slices.find((candidate) => candidate.segmentId === segment.id) as Required<CueSheetEntry>;
        return {
          segment,
          inputs: { recording: sha256, startSec: slice.startSec, endSec: slice.endSec, edgeFadeSec: EDGE_FADE_SEC },
          load: async () => {
            const samples = await decodeSliceFloat32(options.recording, slice.startSec, slice.endSec, rate);
            fadeEdges(samples, Math.round(EDGE_FADE_SEC * rate));
            return { samples, speechSec: 0, words: 0 };
          },
        };
      }),
    variants,
    outDir: options.outDir,
    settings,
    engineId: `recording:${path.basename(options.recording)}:${sha256.slice(0, 10)}`,
    concurrency: options.concurrency,
    reporter: options.reporter,
  });
  return { ...result, skippedVariants: all.filter((variant) => !variants.includes(variant)).map((variant) => variant.id) };
}

function fadeEdges(samples: Float32Array, length: number): void {
  const n = Math.min(length, Math.floor(samples.length / 2));
  for (let i = 0; i < n; i++) {
    const gain = (1 - Math.cos((Math.PI * i) / n)) / 2;
    samples[i] *= gain;
    samples[samples.length - 1 - i] *= gain;
  }
}
