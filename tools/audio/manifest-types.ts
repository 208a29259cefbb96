/**
 * The audio manifest written next to the rendered files (`<out>/manifest.json`). The skill's build
 * reads it (lambda/playback/catalog.ts) to map each variant's segments to files; `npm run
 * audio:check` re-measures every file against it. All figures are measured on the encoded MP3s.
 */
import type { ImageRegion } from '../../models/image-regions';
import type { ManifestLike } from '../../models/catalog';
import type { AmbienceId } from '../../models/variants';
import type { EncoderSettings, LoudnessSettings, SleepSoundsRole } from './render-key';

/** One delivered file. A segment has one file per ambience mix it is played in. */
export interface ManifestSegment {
  segmentId: string;
  sectionId: string;
  /** Basename in the audio directory: `<segmentId>.<hash10>.mp3`. */
  file: string;
  /** What plays under the voice in this file. */
  ambience: AmbienceId;
  /** The delivered variants that play this file. */
  variants: string[];
  /** Measured by decoding the MP3 (exact sample count), in milliseconds. */
  durationMs: number;
  /** EBU R128 integrated loudness of the encoded file, LUFS. */
  integratedLufs: number;
  /** Highest true peak of the encoded file, dBTP. */
  truePeakDbtp: number;
  /** EBU R128 loudness range, LU. */
  loudnessRangeLu: number;
  /**
   * Forest mix only: how far the bed sits below the speech target, LU. The nominal level, or lower
   * in a file that is mostly pause, where the bed would otherwise count toward integrated loudness.
   */
  bedBelowSpeechLu?: number;
  /**
   * The integrated loudness this file was mastered to, LUFS: the practice's target, or lower where
   * the voice softens (absent in older manifests: the practice's target).
   */
  targetLufs?: number;
  /** Where the voice softens: the last cue's speech in the file, and how far under the practice's level it was set. */
  softening?: { lastCueStartMs: number; lastCueEndMs: number; lastCueBelowLu: number };
  bitrateKbps: number;
  sampleRate: number;
  channels: number;
  /** sha256 of the MP3 file, lowercase hex. */
  sha256: string;
  bytes: number;
}

/** A sleep-sounds file: the forest bed on its own, played after the practice (see SleepSoundsSettings). */
export interface ManifestSleepSound {
  /**
   * `rise`: the first item, rising from near silence and joining the loop seamlessly; `loop`: wraps
   * seamlessly into itself and into the fade; `fade`: the last item, fading out over its final minute.
   */
  role: SleepSoundsRole;
  /** `sleep-sounds-rise.<hash10>.mp3`, `sleep-sounds.<hash10>.mp3` or `sleep-sounds-fade.<hash10>.mp3`. */
  file: string;
  durationMs: number;
  targetLufs: number;
  integratedLufs: number;
  truePeakDbtp: number;
  loudnessRangeLu: number;
  bitrateKbps: number;
  sampleRate: number;
  channels: number;
  sha256: string;
  bytes: number;
}

export interface ManifestVariant {
  /** The content variant played (`standard`, `gentle`, `bedtime`, ...). */
  content: string;
  ambience: AmbienceId;
  /** Measured total of its files, in milliseconds. */
  durationMs: number;
}

/** The whole manifest: the part the catalog reads (ManifestLike, models/catalog.ts) and what the renderer and audio:check add. */
export interface AudioManifest extends ManifestLike {
  practiceId: string;
  version: 2;
  /** ISO 8601 time of the run that wrote the manifest. */
  generatedAt: string;
  /** Where the voice came from: the speech engine and its settings (`flite:slt:duration_stretch=1.42`), or `recording:<file>`. */
  engine: string;
  loudness: LoudnessSettings;
  encoder: EncoderSettings;
  /** The variant the skill plays unless the listener chose another. */
  defaultVariant: string;
  /**
   * Every delivered file, segment by segment in model order; within a segment the default mix comes
   * last, so code that keeps the last file per segment id gets the default variant's file.
   */
  segments: ManifestSegment[];
  /** Segment ids in playing order, per delivered variant. */
  variants: Record<string, string[]>;
  /** File names in playing order, per delivered variant (parallel to `variants`). */
  variantFiles: Record<string, string[]>;
  variantInfo: Record<string, ManifestVariant>;
  /** The loop and the fade, when the forest mix is delivered (older manifests lack them). */
  sleepSounds?: ManifestSleepSound[];
  /** Pictures of the spine per region, added by tools/images after the audio (older manifests lack them). */
  images?: ManifestImages;
}

export interface ManifestImage {
  /** Path under the audio directory: `images/spine-<region>[-background].<hash10>.png`. */
  file: string;
  widthPixels: number;
  heightPixels: number;
  sha256: string;
  bytes: number;
}

export type ManifestImages = Record<ImageRegion, { art: ManifestImage; background: ManifestImage }>;
