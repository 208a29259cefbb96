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
  /** `file` is the segment's file in the default variant (or its only file). */
  segments: Record<string, CatalogSegment>;
  /**
   * Per variant, the segments whose file differs from `segments[id].file` (e.g. the same words
   * without the nature bed in `standard-plain`). Same duration; see `segmentFile`.
   */
  variantFiles?: Record<string, Record<string, string>>;
  /** Pictures of the spine per region (lambda/playback/images.ts); absent in catalogs from older manifests. */
  images?: Record<string, CatalogImageSet>;
  /**
   * The forest bed for after the practice: `loop` wraps seamlessly into itself and into `fade`, the
   * chain's last item, which fades out over its final minute. Absent when no bed was rendered.
   */
  /** The chain after the practice: the rise first (absent in older manifests: the loop starts it), loops, the fade last. */
  sleepSounds?: { rise?: SleepSoundsFile; loop: SleepSoundsFile; fade: SleepSoundsFile };
}

export interface SleepSoundsFile {
  /** File name under AUDIO_BASE_URL: `sleep-sounds.<hash10>.mp3`, `sleep-sounds-fade.<hash10>.mp3`. */
  file: string;
  durationMs: number;
}

export interface CatalogImage {
  /** Path under AUDIO_BASE_URL: `images/<name>.<hash10>.png`. */
  file: string;
  widthPixels: number;
  heightPixels: number;
}

export interface CatalogImageSet {
  /** Square cover art. */
  art: CatalogImage;
  /** Wide picture a screen shows behind the player. */
  background: CatalogImage;
}

/** The parts of the model and manifest a catalog needs (structurally typed, no imports). */
export interface PracticeOutline {
  id: string;
  sections: ReadonlyArray<{
    id: string;
    title: string;
    segments: ReadonlyArray<{ id: string; title: string }>;
    /** Segments only some variants play; in the catalog when the manifest has audio for them. */
    alternates?: ReadonlyArray<{ id: string; title: string }>;
  }>;
}

export interface ManifestLike {
  practiceId: string;
  /** Every file; a segment may have several (one per ambience mix). */
  segments: ReadonlyArray<{ segmentId: string; file: string; durationMs: number }>;
  variants: Record<string, readonly string[]>;
  /** File names in playing order per variant, parallel to `variants`; absent: one file per segment. */
  variantFiles?: Record<string, readonly string[]>;
  /** Rendered pictures per region (tools/images); extra fields such as sha256 are ignored. */
  images?: Record<string, CatalogImageSet>;
  /** The sleep-sounds files by role (tools/audio/sleep-sounds.ts); extra fields are ignored. */
  sleepSounds?: ReadonlyArray<{ role: string; file: string; durationMs: number }>;
}

/** Image paths become URLs the device fetches: nothing but a plain file under images/. */
const IMAGE_FILE = /^images\/[A-Za-z0-9][A-Za-z0-9_-]*\.[0-9a-f]{10}\.png$/;

/** Sleep-sounds names are fixed (`sleep-sounds` first), content-hashed like every stream. */
const SLEEP_SOUNDS_FILE = /^sleep-sounds[A-Za-z0-9_-]*\.[0-9a-f]{10}\.mp3$/;

/** Files of one segment may differ in length by this much (encoder framing); more would skew "time left". */
const SAME_LENGTH_MS = 100;

export const DEFAULT_VARIANT = 'standard';

export function buildCatalog(practice: PracticeOutline, manifest: ManifestLike): Catalog {
  if (manifest.practiceId !== practice.id) {
    throw new Error(`manifest is for ${manifest.practiceId}, not ${practice.id}`);
  }
  const byFile = new Map(manifest.segments.map((entry) => [entry.file, entry]));
  const filesOf = (variant: string): readonly string[] | undefined => manifest.variantFiles?.[variant];
  // A segment's main file: the one the default variant plays, else the last one listed.
  const main = new Map(manifest.segments.map((entry) => [entry.segmentId, entry]));
  (manifest.variants[DEFAULT_VARIANT] ?? []).forEach((id, index) => {
    const entry = byFile.get(filesOf(DEFAULT_VARIANT)?.[index] ?? '');
    if (entry) main.set(id, entry);
  });
  const segments: Record<string, CatalogSegment> = {};
  for (const section of practice.sections) {
    const add = (segment: { id: string; title: string }, required: boolean): void => {
      const audio = main.get(segment.id);
      if (!audio) {
        if (required) throw new Error(`segment ${segment.id} has no rendered audio in the manifest`);
        return;
      }
      segments[segment.id] = {
        id: segment.id,
        sectionId: section.id,
        title: segment.title,
        sectionTitle: section.title,
        file: audio.file,
        durationMs: audio.durationMs,
      };
    };
    for (const segment of section.segments) add(segment, true);
    for (const segment of section.alternates ?? []) add(segment, false);
  }
  const variantFiles: Record<string, Record<string, string>> = {};
  for (const [variant, order] of Object.entries(manifest.variants)) {
    const unknown = order.find((id) => !segments[id]);
    if (unknown) throw new Error(`variant ${variant} lists unknown segment ${unknown}`);
    const files = filesOf(variant);
    if (!files) continue;
    if (files.length !== order.length) throw new Error(`variant ${variant} lists ${order.length} segments but ${files.length} files`);
    order.forEach((id, index) => {
      const entry = byFile.get(files[index]);
      if (entry?.segmentId !== id) throw new Error(`variant ${variant} plays ${files[index]} for segment ${id}, which is not its file`);
      if (Math.abs(entry.durationMs - segments[id].durationMs) > SAME_LENGTH_MS) {
        throw new Error(`variant ${variant}: ${entry.file} and ${segments[id].file} differ in length`);
      }
      if (entry.file !== segments[id].file) (variantFiles[variant] ??= {})[id] = entry.file;
    });
  }
  if (!manifest.variants[DEFAULT_VARIANT]) throw new Error(`manifest has no ${DEFAULT_VARIANT} variant`);
  return {
    practiceId: practice.id,
    defaultVariant: DEFAULT_VARIANT,
    variants: manifest.variants,
    segments,
    ...(Object.keys(variantFiles).length ? { variantFiles } : {}),
    ...(manifest.images ? { images: catalogImages(manifest.images) } : {}),
    ...(manifest.sleepSounds?.length ? { sleepSounds: catalogSleepSounds(manifest.sleepSounds) } : {}),
  };
}

/** The loop and the fade, checked: a chain needs both, each a plain hashed name with a real length. */
function catalogSleepSounds(entries: NonNullable<ManifestLike['sleepSounds']>): NonNullable<Catalog['sleepSounds']> {
  const pick = (role: 'rise' | 'loop' | 'fade'): SleepSoundsFile => {
    const found = entries.filter((entry) => entry.role === role);
    if (found.length !== 1) throw new Error(`manifest sleep sounds: expected one ${role}, found ${found.length}`);
    const { file, durationMs } = found[0];
    if (!SLEEP_SOUNDS_FILE.test(file ?? '')) throw new Error(`manifest sleep sounds: unexpected ${role} file name: ${file}`);
    if (!(Number.isInteger(durationMs) && durationMs > 0)) throw new Error(`manifest sleep sounds: ${role} has no usable duration`);
    return { file, durationMs };
  };
  const rise = entries.some((entry) => entry.role === 'rise') ? { rise: pick('rise') } : {};
  return { ...rise, loop: pick('loop'), fade: pick('fade') };
}

/** Only what a Play directive needs, checked, so the bundle carries no hashes or byte counts. */
function catalogImages(images: Record<string, CatalogImageSet>): Record<string, CatalogImageSet> {
  const image = (entry: CatalogImage, where: string): CatalogImage => {
    if (!IMAGE_FILE.test(entry?.file ?? '')) throw new Error(`manifest image ${where} has an unexpected file name: ${entry?.file}`);
    if (!(Number.isInteger(entry.widthPixels) && entry.widthPixels > 0 && Number.isInteger(entry.heightPixels) && entry.heightPixels > 0)) {
      throw new Error(`manifest image ${where} has no usable size`);
    }
    return { file: entry.file, widthPixels: entry.widthPixels, heightPixels: entry.heightPixels };
  };
  return Object.fromEntries(
    Object.entries(images).map(([region, set]) => [
      region,
      { art: image(set.art, `${region}.art`), background: image(set.background, `${region}.background`) },
    ]),
  );
}

/** The file a variant plays for a segment (the listener may have chosen the plain, bed-free files). */
export function segmentFile(catalog: Catalog, variant: string, segmentId: string): string {
  return catalog.variantFiles?.[variant]?.[segmentId] ?? catalog.segments[segmentId].file;
}
