/** Writing, reading back and cleaning up after the manifest. */
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AudioManifest, ManifestSegment, ManifestSleepSound, ManifestVariant } from './manifest-types';
import { RENDERED_FILE_PATTERN } from './render-key';
import type { RenderFilesOptions } from './render-files';
import type { FileReport } from './render-result';

export function buildManifest(
  options: RenderFilesOptions,
  reports: readonly FileReport[],
  sleepReports: ReadonlyArray<ManifestSleepSound & { outcome?: unknown }> = [],
): AudioManifest {
  const files = reports.map(({ outcome: _outcome, ...entry }) => entry);
  const sleepSounds = sleepReports.map(({ outcome: _outcome, ...entry }) => entry);
  const variants: Record<string, string[]> = {};
  const variantFiles: Record<string, string[]> = {};
  const variantInfo: Record<string, ManifestVariant> = {};
  for (const variant of options.variants) {
    const played = variant.sequence.map((segmentId) => {
      const entry = files.find((candidate) => candidate.segmentId === segmentId && candidate.variants.includes(variant.id));
      if (!entry) throw new Error(`variant "${variant.id}": no file for segment "${segmentId}"`);
      return entry;
    });
    variants[variant.id] = [...variant.sequence];
    variantFiles[variant.id] = played.map((entry) => entry.file);
    variantInfo[variant.id] = {
      content: variant.contentId,
      ambience: variant.ambience,
      durationMs: played.reduce((sum, entry) => sum + entry.durationMs, 0),
    };
  }
  return {
    practiceId: options.practiceId,
    version: 2,
    generatedAt: new Date().toISOString(),
    engine: options.engineId,
    loudness: options.settings.loudness,
    encoder: options.settings.encoder,
    defaultVariant: options.variants[0].id,
    segments: files,
    variants,
    variantFiles,
    variantInfo,
    ...(sleepSounds.length ? { sleepSounds } : {}),
  };
}

export async function writeManifest(file: string, manifest: AudioManifest): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temporary, file);
}

export async function readManifest(dir: string): Promise<AudioManifest> {
  const file = path.join(dir, 'manifest.json');
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new Error(`cannot read ${file}: ${error.message}`);
  });
  const manifest = JSON.parse(text) as AudioManifest;
  if (manifest.version !== 2 || !Array.isArray(manifest.segments)) {
    throw new Error(`${file} is not a version 2 audio manifest (run npm run audio)`);
  }
  return manifest;
}

/** The previous run's figures by file name, to reuse for files whose bytes have not changed; empty when none. */
export async function readManifestFigures(dir: string): Promise<Map<string, ManifestSegment>> {
  const manifest = await readManifest(dir).catch(() => undefined);
  return new Map((manifest?.segments ?? []).map((entry) => [entry.file, entry]));
}

/** The previous run's sleep-sounds entries by file name; empty when none. */
export async function readPreviousSleepSounds(dir: string): Promise<Map<string, ManifestSleepSound>> {
  const manifest = await readManifest(dir).catch(() => undefined);
  return new Map((manifest?.sleepSounds ?? []).map((entry) => [entry.file, entry]));
}

/** Deletes `<id>.<hash10>.mp3` files (and their leftover `.partial`s) that are not in `keep`. */
export async function removeUnreferenced(outDir: string, keep: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(outDir)) {
    const rendered = name.endsWith('.partial') ? name.slice(0, -'.partial'.length) : name;
    if (!RENDERED_FILE_PATTERN.test(rendered) || keep.has(name)) continue;
    await rm(path.join(outDir, name), { force: true });
    removed.push(name);
  }
  return removed.sort();
}
