/**
 * The audio manifest written next to the rendered files (`<out>/manifest.json`). The skill and the
 * deploy tooling read it to map segment ids to files; durations are measured from the encoded MP3s.
 */

export interface ManifestSegment {
  segmentId: string;
  sectionId: string;
  /** Basename of the rendered file in the audio directory: `<segmentId>.<hash10>.mp3`. */
  file: string;
  /** Duration measured by decoding the encoded MP3, in milliseconds. */
  durationMs: number;
  /** sha256 of the MP3 file, lowercase hex. */
  sha256: string;
  bytes: number;
}

export interface AudioManifest {
  practiceId: string;
  version: 1;
  /** ISO 8601 time of the run that wrote the manifest. */
  generatedAt: string;
  /** The speech engine and its settings, e.g. `flite:slt:duration_stretch=1.42`. */
  engine: string;
  /** Every segment of the practice, in practice order. */
  segments: ManifestSegment[];
  /** Named playback orders of segment ids: `{ standard: [every segment id in order] }`. */
  variants: Record<string, string[]>;
}
