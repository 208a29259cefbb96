/**
 * What the skill knows about the practice at run time: segment order per variant, spoken titles
 * and the measured length and file of every segment. Built once at build time from the practice
 * model plus the audio manifest, so the Lambda never loads the cue texts.
 */

export interface CatalogSegment {
  id: string;
  sectionId: string;
  /** Spoken name of this part, e.g. "the neck vertebrae". */
  title: string;
  sectionTitle: string;
  /** File name under AUDIO_BASE_URL. */
  file: string;
  durationMs: number;
}

export interface Catalog {
  practiceId: string;
  defaultVariant: string;
  /** Segment ids in playing order, per variant. */
  variants: Record<string, readonly string[]>;
  segments: Record<string, CatalogSegment>;
}

/** The parts of the model and manifest a catalog needs (structurally typed, no imports). */
export interface PracticeOutline {
  id: string;
  sections: ReadonlyArray<{
    id: string;
    title: string;
    segments: ReadonlyArray<{ id: string; title: string }>;
  }>;
}

export interface ManifestLike {
  practiceId: string;
  segments: ReadonlyArray<{ segmentId: string; file: string; durationMs: number }>;
  variants: Record<string, readonly string[]>;
}

export const DEFAULT_VARIANT = 'standard';

export function buildCatalog(practice: PracticeOutline, manifest: ManifestLike): Catalog {
  if (manifest.practiceId !== practice.id) {
    throw new Error(`manifest is for ${manifest.practiceId}, not ${practice.id}`);
  }
  const rendered = new Map(manifest.segments.map((entry) => [entry.segmentId, entry]));
  const segments: Record<string, CatalogSegment> = {};
  for (const section of practice.sections) {
    for (const segment of section.segments) {
      const audio = rendered.get(segment.id);
      if (!audio) throw new Error(`segment ${segment.id} has no rendered audio in the manifest`);
      segments[segment.id] = {
        id: segment.id,
        sectionId: section.id,
        title: segment.title,
        sectionTitle: section.title,
        file: audio.file,
        durationMs: audio.durationMs,
      };
    }
  }
  for (const [variant, order] of Object.entries(manifest.variants)) {
    const unknown = order.find((id) => !segments[id]);
    if (unknown) throw new Error(`variant ${variant} lists unknown segment ${unknown}`);
  }
  if (!manifest.variants[DEFAULT_VARIANT]) throw new Error(`manifest has no ${DEFAULT_VARIANT} variant`);
  return { practiceId: practice.id, defaultVariant: DEFAULT_VARIANT, variants: manifest.variants, segments };
}
