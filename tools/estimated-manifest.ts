/**
 * A manifest shaped like the renderer's, with durations estimated from the practice model, every
 * delivered variant, and a fixed fake hash in every file name (the plain mix marked by `-plain`).
 * For tests, the benchmark and packaging a clean clone: a bundle built from it points at files
 * that were never rendered, so it must never be deployed.
 */
import { spineNidra } from '../models/spine-nidra';
import { estimateSegmentSec } from '../models/timing';
import { allSegments, deliveredVariants } from '../models/variants';
import type { ManifestLike } from '../lambda/playback/catalog';

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
    variantFiles: Object.fromEntries(
      variants.map((variant) => [variant.id, variant.sequence.map((id) => fileOf(id, variant.ambience === 'none'))]),
    ),
  };
}
