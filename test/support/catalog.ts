import { spineNidra } from '../../models/spine-nidra';
import { estimateSegmentSec } from '../../models/timing';
import { buildCatalog, type Catalog, type ManifestLike } from '../../lambda/playback/catalog';

/** A manifest as the renderer would write it, with durations estimated from the model. */
export function estimatedManifest(): ManifestLike {
  const segments = spineNidra.sections.flatMap((section) => section.segments);
  return {
    practiceId: spineNidra.id,
    segments: segments.map((segment) => ({
      segmentId: segment.id,
      file: `${segment.id}.0123456789.mp3`,
      durationMs: Math.round(estimateSegmentSec(segment) * 1000),
    })),
    variants: { standard: segments.map((segment) => segment.id) },
  };
}

export function testCatalog(): Catalog {
  return buildCatalog(spineNidra, estimatedManifest());
}

export const AUDIO_BASE_URL = 'https://audio.spine-nidra.test/v1';
