/**
 * Which picture of the spine goes with each part of the practice. One picture per spine region
 * (tools/images renders them), chosen from the model's own ids, so a new segment in a known
 * section gets the right picture without a table to keep in step.
 */
import type { Catalog, CatalogImage } from './catalog';
import { partOf } from './plan';

/** `none`: the calm figure with no region lit, for every part that is not about the spine itself. */
import { IMAGE_REGIONS, type ImageRegion } from '../../models/image-regions';

export { IMAGE_REGIONS, type ImageRegion };

/** The spine rotation's parts are named `spine-rotation-<region>` in the model. */
const ROTATION_PREFIX = 'spine-rotation-';

/** Sections that breathe along the whole spine light all of it. */
const WHOLE_COLUMN_SECTIONS: ReadonlySet<string> = new Set(['spine-breath', 'crown-breath']);

function isRegion(value: string): value is ImageRegion {
  return (IMAGE_REGIONS as readonly string[]).includes(value);
}

/**
 * The region lit while a segment plays. A personal sankalpa clip shows what its sankalpa part
 * shows; a segment the catalog does not know shows the calm figure.
 */
export function imageRegionOf(catalog: Catalog, segmentId: string): ImageRegion {
  const part = partOf(segmentId);
  const sectionId = catalog.segments[part]?.sectionId;
  if (sectionId === undefined) return 'none';
  if (part.startsWith(ROTATION_PREFIX)) {
    const region = part.slice(ROTATION_PREFIX.length);
    if (isRegion(region)) return region;
  }
  return WHOLE_COLUMN_SECTIONS.has(sectionId) ? 'column' : 'none';
}

export interface SegmentImages {
  region: ImageRegion;
  art: CatalogImage;
  background: CatalogImage;
}

/** The rendered pictures for a segment, or undefined when the catalog was built without images. */
export function segmentImages(catalog: Catalog, segmentId: string): SegmentImages | undefined {
  const region = imageRegionOf(catalog, segmentId);
  const set = catalog.images?.[region];
  return set && { region, ...set };
}
