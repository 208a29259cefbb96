/**
 * Render settings and the cache key of a rendered segment. Pure: no I/O, so tests and other tools
 * can import it to predict file names (`<segmentId>.<renderKey>.mp3`) without rendering anything.
 */
import { createHash } from 'node:crypto';
import type { Segment } from '../../models/practice-types';
import type { AmbienceId } from '../../models/variants';
import type { AmbienceSettings } from './ambience';

/**
 * Bump when the rendering itself changes in a way the settings below do not capture (assembly,
 * trimming, mastering or limiter code, the forest filter graph), so every segment renders again.
 */
export const RENDER_VERSION = 2;

/** Which synthesizer speaks, with which voice, and its engine-specific options. */
export interface VoiceSettings {
  /** Engine name, e.g. `flite` (later `polly`). */
  engine: string;
  voice: string;
  /** Engine options; for flite these are `--setf name=value` features, e.g. duration_stretch. */
  options: Readonly<Record<string, string | number>>;
}

/** How the synthesized speech is trimmed before the cues are joined with their pauses. */
export interface ProcessingSettings {
  /** Samples quieter than this (dBFS) at the start and end of a cue count as the engine's silence. */
  trimThresholdDbfs: number;
  /** Keep at most this much of the engine's own silence before the speech of a cue, in seconds. */
  keepLeadingSec: number;
  /** Keep at most this much of the engine's own silence (and decay) after a cue, in seconds. */
  keepTrailingSec: number;
}

/**
 * Loudness of every delivered file, measured on the encoded MP3: Alexa's guidance is -14 LUFS
 * integrated and true peak at or below -2 dBTP (below -19 or above -9 LUFS risks rejection).
 */
export interface LoudnessSettings {
  targetLufs: number;
  /** The check fails a file further than this from the target. */
  toleranceLu: number;
  maxTruePeakDbtp: number;
  /** The renderer re-encodes a file that lands further than this from the target (well inside the tolerance). */
  aimLu: number;
  /** Sample-peak ceiling of the limiter before encoding; MP3 encoding adds up to about a decibel of true peak. */
  limiterCeilingDbfs: number;
}

export interface EncoderSettings {
  codec: 'libmp3lame';
  sampleRate: number;
  channels: number;
  /** Constant bit rate. */
  bitrateKbps: number;
}

/**
 * The forest bed that carries on after the practice (`sleep-sounds-rise.<hash10>.mp3`, the loop
 * rising from near silence over its first `riseSec`, so the sounds grow out of the practice's quiet
 * end; `sleep-sounds.<hash10>.mp3`, a seamless loop; and `sleep-sounds-fade.<hash10>.mp3`, the same
 * sound fading out over its last `fadeOutSec`).
 */
export interface SleepSoundsSettings {
  /** Length of each file, in seconds. */
  loopSec: number;
  /** The generated noise's tail is cross-faded into its head over this long, so the loop wraps. */
  crossfadeSec: number;
  /** The fade file's fade-out, in seconds. */
  fadeOutSec: number;
  /** The rise file's fade-in, in seconds, from `riseDepthDb` under the loop's level. */
  riseSec: number;
  riseDepthDb: number;
  /** Integrated loudness of the loop, LUFS (Amazon's window is -19 to -9). */
  targetLufs: number;
  /** Constant bit rate of both files. */
  bitrateKbps: number;
}

export interface RenderSettings {
  voice: VoiceSettings;
  processing: ProcessingSettings;
  loudness: LoudnessSettings;
  /** The bed of the `forest` mix; files of the `none` mix do not depend on it. */
  ambience: AmbienceSettings;
  encoder: EncoderSettings;
  /** Rendered with every run that delivers the forest mix. */
  sleepSounds: SleepSoundsSettings;
}

/**
 * Aim within 0.5 LU (files land within 0.1 in practice); a -2.5 dBFS sample ceiling measured
 * -2.6 to -2.9 dBTP after LAME on flite speech, and the master lowers it if a file ever lands over.
 */
export const ALEXA_LOUDNESS: LoudnessSettings = {
  targetLufs: -14,
  toleranceLu: 1,
  maxTruePeakDbtp: -2,
  aimLu: 0.5,
  limiterCeilingDbfs: -2.5,
};

/** Amazon may reject a stream whose integrated loudness is outside this window. */
export const ALEXA_LOUDNESS_WINDOW = { minLufs: -19, maxLufs: -9 } as const;

/** AudioPlayer accepts MP3 from 16 to 384 kb/s. */
export const MIN_BITRATE_KBPS = 16;
export const MAX_BITRATE_KBPS = 384;

/**
 * Ten minutes a file: every length a listener can choose (30, 60, 120, 180 minutes) is a whole
 * number of files, a 60-minute chain is six items (the rise, four loops and the fade), and the birds and
 * swells do not audibly repeat. -18 LUFS: as quiet as Amazon's window allows with a 1 LU margin
 * over its -19 floor (the bed under the voice is -34, which no stream may be). 32 kb/s: the bed
 * holds nothing above 5 kHz, and 32 kb/s measured as clean as 64 on it (README, Audio).
 */
/**
 * The rise: the practice ends with its bed faded out (the bedtime ending, down 45 dB over 150 s)
 * or edge-faded to silence (the daytime one), and a loop starting at -18 LUFS would be a sudden
 * 16 LU over the bed under the voice. So the first item rises, evenly in decibels, from 60 dB
 * under the loop over two and a half minutes: the practice's own fade played backwards.
 */
export const SLEEP_SOUNDS: SleepSoundsSettings = {
  loopSec: 600,
  crossfadeSec: 4,
  fadeOutSec: 60,
  riseSec: 150,
  riseDepthDb: -60,
  targetLufs: -18,
  bitrateKbps: 32,
};

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
  },
  loudness: ALEXA_LOUDNESS,
  // The bed 20 LU under the speech (-34 LUFS); only the rest segment, nine tenths pause, needs it
  // lower (22.5 LU) to keep its integrated loudness on -14 (see fitBedUnderVoice).
  ambience: { source: 'forest', belowSpeechLu: 20, maxBelowSpeechLu: 28, edgeFadeSec: 1.5 },
  encoder: { codec: 'libmp3lame', sampleRate: 44100, channels: 1, bitrateKbps: 64 },
  sleepSounds: SLEEP_SOUNDS,
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

/** What a TTS-rendered voice track depends on: lead-in, cues (as spoken, with pauses), voice and trimming. */
export function speechInputs(segment: Segment, settings: RenderSettings): unknown {
  return {
    leadInSec: segment.leadInSec,
    cues: segment.cues.map((cue) => ({ say: normalizeSpokenText(cue.say), pauseSec: cue.pauseSec })),
    voice: settings.voice,
    processing: settings.processing,
    // Undefined (left out of the hash) where the voice does not soften: those keys stay as they were.
    softening: segment.softening,
  };
}

/** The ambience part of a file's inputs: nothing for the plain mix; the bed settings (never a local path) for a bed. */
function mixInputs(settings: RenderSettings, ambience: AmbienceId, fadeOutSec: number | undefined): unknown {
  if (ambience === 'none') return 'none';
  const { file, ...bed } = settings.ambience;
  return { ...bed, file: file ? { sha256: file.sha256 } : undefined, fadeOutSec };
}

const sha256Hex = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

/**
 * First ten hex digits of the sha256 over everything that determines a delivered file: the voice
 * inputs (`speechInputs`, or a recording's hash and cut points), the mix (and its bed), the loudness
 * and encoder settings, and RENDER_VERSION. Segment id, title and section are not audio inputs.
 */
export function fileKey(voiceInputs: unknown, settings: RenderSettings, ambience: AmbienceId, fadeOutSec?: number): string {
  const inputs = {
    renderVersion: RENDER_VERSION,
    voice: voiceInputs,
    mix: mixInputs(settings, ambience, fadeOutSec),
    loudness: settings.loudness,
    encoder: settings.encoder,
  };
  return sha256Hex(inputs).slice(0, RENDER_KEY_LENGTH);
}

/** Seeds a segment's bed from its voice inputs, so the same words always get the same forest. */
export function bedSeed(voiceInputs: unknown): number {
  return parseInt(sha256Hex(voiceInputs).slice(0, 8), 16);
}

/** The sleep-sounds files: `sleep-sounds-rise` (the first), `sleep-sounds` (the loop) and `sleep-sounds-fade` (the last). */
export type SleepSoundsRole = 'rise' | 'loop' | 'fade';
export const SLEEP_SOUNDS_IDS: Readonly<Record<SleepSoundsRole, string>> = {
  rise: 'sleep-sounds-rise',
  loop: 'sleep-sounds',
  fade: 'sleep-sounds-fade',
};

/** Bump when the loop's making changes in a way the settings do not capture (cross-fade, fade shape). */
export const SLEEP_SOUNDS_VERSION = 1;

/**
 * Key of a sleep-sounds file: the bed's source (the forest graph, or a recording's hash), the
 * sleep-sounds settings, the loudness and encoder settings (at the loop's own bit rate), the role.
 */
export function sleepSoundsKey(settings: RenderSettings, role: SleepSoundsRole): string {
  const inputs = {
    renderVersion: RENDER_VERSION,
    sleepSoundsVersion: SLEEP_SOUNDS_VERSION,
    role,
    bed: { source: settings.ambience.source, file: settings.ambience.file ? { sha256: settings.ambience.file.sha256 } : undefined },
    sleepSounds: settings.sleepSounds,
    loudness: settings.loudness,
    encoder: { ...settings.encoder, bitrateKbps: settings.sleepSounds.bitrateKbps },
  };
  return sha256Hex(inputs).slice(0, RENDER_KEY_LENGTH);
}

/** `sleep-sounds-rise.<hash10>.mp3`, `sleep-sounds.<hash10>.mp3` or `sleep-sounds-fade.<hash10>.mp3`. */
export function sleepSoundsFileName(settings: RenderSettings, role: SleepSoundsRole): string {
  return `${SLEEP_SOUNDS_IDS[role]}.${sleepSoundsKey(settings, role)}.mp3`;
}

/** The key of a model segment rendered by the speech engine, in the given mix (default: the forest bed). */
export function renderKey(segment: Segment, settings: RenderSettings, ambience: AmbienceId = 'forest'): string {
  return fileKey(speechInputs(segment, settings), settings, ambience, segment.ambienceFadeOutSec);
}

/** The rendered file's basename: `<segmentId>.<hash10>.mp3` (default: the forest mix the default variant plays). */
export function renderedFileName(segment: Segment, settings: RenderSettings, ambience: AmbienceId = 'forest'): string {
  return `${segment.id}.${renderKey(segment, settings, ambience)}.mp3`;
}
