/**
 * The rendered practice on disk: rendered first when missing (a clean clone has no audio), then
 * turned into the skill's catalog through the same buildCatalog the Lambda build uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spineNidra } from '../models/spine-nidra';
import { AMBIENCE_MIXES } from '../models/variants';
import { DEFAULT_RENDER_SETTINGS, renderedFileName } from '../tools/audio/render-key';
import { buildCatalog, type Catalog, type ManifestLike } from '../lambda/playback/catalog';

export interface PracticeAudio {
  catalog: Catalog;
  /** Segments whose audio was rendered from older text or settings than the model's now. */
  outdated: string[];
}

/** Why the audio folder cannot be used as it is, or undefined when it can. */
export function missingAudio(audioDir: string): string | undefined {
  const manifest = readManifest(audioDir);
  if (!manifest) return `no manifest.json in ${audioDir}`;
  const listed = new Map(manifest.segments.map((entry) => [entry.segmentId, entry.file]));
  for (const section of spineNidra.sections) {
    for (const segment of section.segments) {
      const file = listed.get(segment.id);
      if (!file) return `segment ${segment.id} is not in the manifest`;
      if (!existsSync(path.join(audioDir, file))) return `${file} is missing`;
    }
  }
  // The forest bed carries on after the practice: a folder from before the sleep sounds renders them now.
  const sleepSounds = manifest.sleepSounds ?? [];
  for (const role of ['rise', 'loop', 'fade'])
    if (!sleepSounds.some((entry) => entry.role === role)) return `the manifest has no sleep-sounds ${role}`;
  const absent = sleepSounds.find((entry) => !existsSync(path.join(audioDir, entry.file)));
  if (absent) return `${absent.file} is missing`;
  return undefined;
}

/** Renders the practice with the console progress bar. Loaded lazily: a warm start never pays for the speech engine. */
export async function renderPracticeAudio(audioDir: string): Promise<void> {
  const [{ renderPractice }, { createConsoleReporter, formatDuration }] = await Promise.all([
    import('../tools/audio/render-practice'),
    import('../tools/audio/progress'),
  ]);
  // The skill plays the default (forest) mix, and its bed's sleep sounds; the plain twins can wait for `npm run audio`.
  const result = await renderPractice(spineNidra, { outDir: audioDir, reporter: createConsoleReporter(), mixes: [AMBIENCE_MIXES[0]] });
  if (result.missing.length) throw new Error(`audio rendering left segments without audio: ${result.missing.join(', ')}`);
  // The screen pictures (Echo Show art and backgrounds) go with the manifest, as after `npm run audio`.
  await (await import('../tools/images/spine-images')).writeSpineImages(audioDir);
  console.error(`audio: ${result.stats.segments} segments, ${formatDuration(result.stats.totalDurationMs)} of practice in ${audioDir}`);
}

export function loadPracticeAudio(audioDir: string): PracticeAudio {
  const manifest = readManifest(audioDir);
  if (!manifest) throw new Error(`no readable manifest.json in ${audioDir} (run npm run audio)`);
  const catalog = buildCatalog(spineNidra, manifest);
  const rendered = new Map(manifest.segments.map((entry) => [entry.segmentId, entry.file]));
  const outdated = spineNidra.sections
    .flatMap((section) => section.segments)
    .filter((segment) => rendered.get(segment.id) !== renderedFileName(segment, DEFAULT_RENDER_SETTINGS))
    .map((segment) => segment.id);
  return { catalog, outdated };
}

function readManifest(audioDir: string): ManifestLike | undefined {
  try {
    return JSON.parse(readFileSync(path.join(audioDir, 'manifest.json'), 'utf8')) as ManifestLike;
  } catch {
    return undefined;
  }
}
