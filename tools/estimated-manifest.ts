/**
 * A manifest shaped like the renderer's, with durations estimated from the practice model, every
 * delivered variant, and a fixed fake hash in every file name (the plain mix marked by `-plain`).
 * For tests, the benchmark and packaging a clean clone: a bundle built from it points at files
 * that were never rendered, so it must never be deployed.
 */
import { spineNidra } from '../models/spine-nidra';
import { estimateSegmentSec } from '../models/timing';
import { allSegments, deliveredVariants } from '../models/variants';
import type { ManifestLike } from '../models/catalog';
import { IMAGE_REGIONS, type ImageRegion } from '../models/image-regions';
import { IMAGE_SIZES, imageFileName, type ImageKind } from './images/spine-images';
import { SLEEP_SOUNDS, SLEEP_SOUNDS_IDS } from './audio/render-key';

export const ESTIMATED_FILE_HASH = '0123456789';

export function estimatedManifest(): ManifestLike {
  const segments = allSegments(spineNidra);
  const variants = deliveredVariants(spineNidra);
  const fileOf = (segmentId: string, plain: boolean) => `${segmentId}${plain ? '-plain' : ''}.${ESTIMATED_FILE_HASH}.mp3`;
  return {
    practiceId: spineNidra.id,
    segments: [false, true].flatMap((plain) =>
      segments.map((segment) => ({
        segmentId: segment.id,
        file: fileOf(segment.id, plain),
        durationMs: Math.round(estimateSegmentSec(segment) * 1000),
      })),
    ),
    variants: Object.fromEntries(variants.map((variant) => [variant.id, variant.sequence])),
    variantFiles: Object.fromEntries(variants.map((variant) => [variant.id, variant.sequence.map((id) => fileOf(id, variant.ambience === 'none'))])),
    images: estimatedImages(),
    // All three files last the configured loop length (the renderer makes them sample-exact).
    sleepSounds: (['rise', 'loop', 'fade'] as const).map((role) => ({
      role,
      file: `${SLEEP_SOUNDS_IDS[role]}.${ESTIMATED_FILE_HASH}.mp3`,
      durationMs: SLEEP_SOUNDS.loopSec * 1000,
    })),
  };
}

/** Picture entries named like tools/images names them, sizes and all, with the same fake hash. */
function estimatedImages(): NonNullable<ManifestLike['images']> {
  const image = (region: ImageRegion, kind: ImageKind) => ({
    file: imageFileName(region, kind, ESTIMATED_FILE_HASH),
    widthPixels: IMAGE_SIZES[kind].width,
    heightPixels: IMAGE_SIZES[kind].height,
  });
  return Object.fromEntries(IMAGE_REGIONS.map((region) => [region, { art: image(region, 'art'), background: image(region, 'background') }]));
}
