import { spineNidra } from '../models/spine-nidra';
import { buildCatalog, type Catalog } from '../lambda/playback/catalog';
import { estimatedManifest } from '../tools/estimated-manifest';

/** A manifest as the renderer would write it, with durations estimated from the model. */
export { estimatedManifest };

export function testCatalog(): Catalog {
  return buildCatalog(spineNidra, estimatedManifest());
}

export const AUDIO_BASE_URL = 'https://audio.spine-nidra.test/v1';
