/**
 * A manifest shaped like the renderer's, with durations estimated from the practice model and a
 * fixed fake hash in every file name. For tests, the benchmark and packaging a clean clone: a
 * bundle built from it points at files that were never rendered, so it must never be deployed.
 */
import { spineNidra } from '../models/spine-nidra';
import { estimateSegmentSec } from '../models/timing';
import type { ManifestLike } from '../lambda/playback/catalog';

export const ESTIMATED_FILE_HASH = '0123456789';

export function estimatedManifest(): ManifestLike {
  const segments = spineNidra.sections.flatMap((section) => section.segments);
  return {
    practiceId: spineNidra.id,
    segments: segments.map((segment) => ({
      segmentId: segment.id,
      file: `${segment.id}.${ESTIMATED_FILE_HASH}.mp3`,
      durationMs: Math.round(estimateSegmentSec(segment) * 1000),
    })),
    variants: { standard: segments.map((segment) => segment.id) },
  };
}
