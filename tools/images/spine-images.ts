/**
 * The pictures a screen shows while the practice plays: for each spine region, square cover art
 * and a wide background, written as `<audio dir>/images/spine-<region>[-background].<hash10>.png`
 * (named by content hash, like the audio) and listed in manifest.json under `images`.
 * `npm run audio` calls writeSpineImages after the manifest; it renders in well under a second.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_REGIONS, type ImageRegion } from '../../models/image-regions';
import { readManifest, writeManifest } from '../audio/manifest';
import type { ManifestImage, ManifestImages } from '../audio/manifest-types';
import { encodePng } from './png';
import { Canvas, hex } from './raster';
import { drawSpine, type Placement } from './spine-figure';

export type ImageKind = 'art' | 'background';

/** Art at least 480 square and backgrounds 1024 by 640: the AudioPlayer's recommended minimums. */
export const IMAGE_SIZES: Readonly<Record<ImageKind, { width: number; height: number }>> = {
  art: { width: 512, height: 512 },
  background: { width: 1024, height: 640 },
};

export const IMAGES_DIR = 'images';
/** What writeSpineImages names and may therefore delete when it is no longer listed. */
export const IMAGE_FILE_PATTERN = /^spine-[a-z]+(?:-background)?\.[0-9a-f]{10}\.png$/;

export function imageFileName(region: ImageRegion, kind: ImageKind, hash10: string): string {
  return `${IMAGES_DIR}/spine-${region}${kind === 'background' ? '-background' : ''}.${hash10}.png`;
}

export interface RenderedImage {
  region: ImageRegion;
  kind: ImageKind;
  width: number;
  height: number;
  png: Buffer;
  /** Path under the audio dir (and AUDIO_BASE_URL). */
  file: string;
  sha256: string;
}

const NIGHT = { centre: hex('#14305a'), edge: hex('#040a16') };

/** Every region's picture of a kind shares its sky: painted once, then copied. */
const nights = new Map<ImageKind, Float32Array>();

/** A dark blue night, lightest behind the figure. */
function paintNight(canvas: Canvas, kind: ImageKind, cx: number, cy: number): void {
  const cached = nights.get(kind);
  if (cached) {
    canvas.pixels.set(cached);
    return;
  }
  const reach = Math.sqrt(Math.max(cx, canvas.width - cx) ** 2 + Math.max(cy, canvas.height - cy) ** 2);
  canvas.fillRadial(cx, cy, reach, NIGHT.centre, NIGHT.edge);
  nights.set(kind, canvas.pixels.slice());
}

/** Where the figure sits: centred on the art; on the background, to the right of a player's text. */
function placement(kind: ImageKind): Placement {
  const { width, height } = IMAGE_SIZES[kind];
  if (kind === 'art') return { cx: width / 2, top: height * 0.05, height: height * 0.9, intensity: 1 };
  return { cx: width * 0.74, top: height * 0.05, height: height * 0.9, intensity: 0.7 };
}

export function renderImage(region: ImageRegion, kind: ImageKind): RenderedImage {
  const { width, height } = IMAGE_SIZES[kind];
  const canvas = new Canvas(width, height);
  const place = placement(kind);
  paintNight(canvas, kind, place.cx, place.top + place.height / 2);
  drawSpine(canvas, region, place);
  const png = encodePng(width, height, canvas.toRgb8());
  const sha256 = createHash('sha256').update(png).digest('hex');
  return { region, kind, width, height, png, sha256, file: imageFileName(region, kind, sha256.slice(0, 10)) };
}

/** Every picture: each region's art and background. */
export function renderSpineImages(): RenderedImage[] {
  return IMAGE_REGIONS.flatMap((region) => (['art', 'background'] as const).map((kind) => renderImage(region, kind)));
}

function manifestEntry(image: RenderedImage): ManifestImage {
  return { file: image.file, widthPixels: image.width, heightPixels: image.height, sha256: image.sha256, bytes: image.png.length };
}

export function manifestImages(images: readonly RenderedImage[]): ManifestImages {
  const entry = (region: ImageRegion, kind: ImageKind) => {
    const found = images.find((image) => image.region === region && image.kind === kind);
    if (!found) throw new Error(`no ${kind} image for region ${region}`);
    return manifestEntry(found);
  };
  return Object.fromEntries(
    IMAGE_REGIONS.map((region) => [region, { art: entry(region, 'art'), background: entry(region, 'background') }]),
  ) as ManifestImages;
}

export interface WriteImagesResult {
  images: ManifestImages;
  written: string[];
  removed: string[];
}

/**
 * Renders the pictures, writes the ones not already on disk, deletes older generated ones and
 * records them all in `<outDir>/manifest.json` (which must exist: run after the audio).
 */
export async function writeSpineImages(outDir: string): Promise<WriteImagesResult> {
  const manifest = await readManifest(outDir);
  const rendered = renderSpineImages();
  await mkdir(path.join(outDir, IMAGES_DIR), { recursive: true });
  const written: string[] = [];
  for (const image of rendered) {
    const target = path.join(outDir, image.file);
    const present = await stat(target).catch(() => undefined);
    if (present?.size === image.png.length) continue;
    await writeFile(target, image.png);
    written.push(image.file);
  }
  const keep = new Set(rendered.map((image) => path.basename(image.file)));
  const removed: string[] = [];
  for (const name of await readdir(path.join(outDir, IMAGES_DIR))) {
    if (!IMAGE_FILE_PATTERN.test(name) || keep.has(name)) continue;
    await rm(path.join(outDir, IMAGES_DIR, name), { force: true });
    removed.push(`${IMAGES_DIR}/${name}`);
  }
  const images = manifestImages(rendered);
  await writeManifest(path.join(outDir, 'manifest.json'), { ...manifest, images });
  return { images, written, removed: removed.sort() };
}
