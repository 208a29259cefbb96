/**
 * Render settings and the cache key of a rendered segment. Pure: no I/O, so tests and other tools
 * can import it to predict file names (`<segmentId>.<renderKey>.mp3`) without rendering anything.
 */
import { createHash } from 'node:crypto';
import type { Segment } from '../../models/practice-types';

/**
 * Bump when the rendering itself changes in a way the settings below do not capture (assembly,
 * trimming or normalization code, filter chain), so every segment renders again.
 */
export const RENDER_VERSION = 1;

/** Which synthesizer speaks, with which voice, and its engine-specific options. */
export interface VoiceSettings {
  /** Engine name, e.g. `flite` (later `polly`). */
  engine: string;
  voice: string;
  /** Engine options; for flite these are `--setf name=value` features, e.g. duration_stretch. */
  options: Readonly<Record<string, string | number>>;
}

/** How the synthesized speech is trimmed and levelled before encoding. */
export interface ProcessingSettings {
  /** Samples quieter than this (dBFS) at the start and end of a cue count as the engine's silence. */
  trimThresholdDbfs: number;
  /** Keep at most this much of the engine's own silence before the speech of a cue, in seconds. */
  keepLeadingSec: number;
  /** Keep at most this much of the engine's own silence (and decay) after a cue, in seconds. */
  keepTrailingSec: number;
  /** Gentle normalization: the RMS level of active speech (50 ms blocks above -50 dBFS) is brought to
   * this (dBFS; -17 measures about -19 LUFS on flite speech)... */
  speechRmsTargetDbfs: number;
  /** ...unless that would push the sample peak above this (dBFS). */
  peakCeilingDbfs: number;
}

export interface EncoderSettings {
  codec: 'libmp3lame';
  sampleRate: number;
  channels: number;
  /** Constant bit rate. */
  bitrateKbps: number;
}

export interface RenderSettings {
  voice: VoiceSettings;
  processing: ProcessingSettings;
  encoder: EncoderSettings;
}

/**
 * slt (a calm female voice) slowed to about 130 words per minute, the rate the practice timing
 * estimates assume (models/timing.ts). duration_stretch 1.42 measured 129.7 wpm over the Spine
 * Nidra text as rendered (cues trimmed as below); 1.3 gave 141, 1.6 gave 116. Re-measure with
 * `npx tsx tools/audio/measure-speech-rate.ts 1.4 1.42 1.45` when the voice or text style changes.
 */
export const DEFAULT_RENDER_SETTINGS: RenderSettings = {
  voice: { engine: 'flite', voice: 'slt', options: { duration_stretch: 1.42 } },
  processing: {
    trimThresholdDbfs: -45,
    keepLeadingSec: 0.1,
    keepTrailingSec: 0.2,
    speechRmsTargetDbfs: -17,
    peakCeilingDbfs: -1.5,
  },
  encoder: { codec: 'libmp3lame', sampleRate: 44100, channels: 1, bitrateKbps: 64 },
};

/** Length of the hex hash in rendered file names. */
export const RENDER_KEY_LENGTH = 10;

/** `<segmentId>.<hash10>.mp3`; group 1 is the segment id, group 2 the render key. */
export const RENDERED_FILE_PATTERN = /^([A-Za-z0-9][A-Za-z0-9_-]*)\.([0-9a-f]{10})\.mp3$/;

/** Segment ids become file names, so they are restricted to letters, digits, `-` and `_`. */
export const SEGMENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The text as it is sent to the engine: whitespace runs collapsed, ends trimmed. */
export function normalizeSpokenText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Stable identifier of a voice configuration, e.g. `flite:slt:duration_stretch=1.42`. */
export function voiceSettingsId(voice: VoiceSettings): string {
  const options = Object.keys(voice.options)
    .sort()
    .map((name) => `${name}=${voice.options[name]}`);
  return [voice.engine, voice.voice, ...options].join(':');
}

/** JSON with object keys sorted at every level, so key order never changes a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`cannot hash a non-finite number: ${value}`);
  }
  return JSON.stringify(value);
}

/**
 * First ten hex digits of the sha256 over everything that determines a segment's audio: its
 * lead-in, its cues (text as spoken, pauses), the voice, processing and encoder settings, and
 * RENDER_VERSION. The segment's id, title and section are not audio inputs and are left out.
 */
export function renderKey(segment: Segment, settings: RenderSettings): string {
  const inputs = {
    renderVersion: RENDER_VERSION,
    leadInSec: segment.leadInSec,
    cues: segment.cues.map((cue) => ({ say: normalizeSpokenText(cue.say), pauseSec: cue.pauseSec })),
    voice: settings.voice,
    processing: settings.processing,
    encoder: settings.encoder,
  };
  return createHash('sha256').update(canonicalJson(inputs)).digest('hex').slice(0, RENDER_KEY_LENGTH);
}

/** The rendered file's basename: `<segmentId>.<hash10>.mp3`. */
export function renderedFileName(segment: Segment, settings: RenderSettings): string {
  return `${segment.id}.${renderKey(segment, settings)}.mp3`;
}
