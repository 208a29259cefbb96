/**
 * Shared by the audio tests: a tiny practice with a variant, and independent ways to look at an
 * MP3 (ffmpeg's own clock and ebur128 summary, silencedetect, the MPEG frame headers), so the tests
 * do not judge the renderer with the renderer's own measuring code.
 */
import type { Practice, Segment } from '../../models/practice-types';
import { runFfmpeg } from '../../tools/audio/ffmpeg';
import { DEFAULT_RENDER_SETTINGS, type RenderSettings, type SleepSoundsSettings } from '../../tools/audio/render-key';

/** Sleep sounds short enough for a test render: a 12-second loop (2 s rise, 4 s fade-out), otherwise as delivered. */
export const SHORT_SLEEP_SOUNDS: SleepSoundsSettings = {
  ...DEFAULT_RENDER_SETTINGS.sleepSounds,
  loopSec: 12,
  crossfadeSec: 2,
  fadeOutSec: 4,
  riseSec: 2,
};

/** `base` with the short sleep sounds, for tests that render the forest mix. */
export function withShortSleepSounds(base: RenderSettings = DEFAULT_RENDER_SETTINGS): RenderSettings {
  return { ...base, sleepSounds: SHORT_SLEEP_SOUNDS };
}

export const arrival: Segment = {
  id: 'arrival',
  sectionId: 'arrival',
  title: 'arriving',
  leadInSec: 1.5,
  cues: [
    { say: 'Welcome. Lie down and make yourself comfortable.', pauseSec: 2 },
    { say: 'Let the breath slow down by itself.', pauseSec: 1.5 },
  ],
};

export const rest: Segment = {
  id: 'rest-one',
  sectionId: 'rest',
  title: 'resting',
  leadInSec: 2,
  cues: [
    { say: 'Rest here, heavy and warm.', pauseSec: 3 },
    { say: 'There is nothing to do now.', pauseSec: 2 },
    { say: 'Simply listen.', pauseSec: 2 },
  ],
};

/** The bedtime stand-in for `rest`: the bed fades out over its last four seconds. */
export const restBedtime: Segment = {
  id: 'rest-bedtime',
  sectionId: 'rest',
  title: 'resting into sleep',
  leadInSec: 2,
  cues: [
    { say: 'Rest now, and drift toward sleep.', pauseSec: 2 },
    { say: 'Goodnight.', pauseSec: 5 },
  ],
  ambienceFadeOutSec: 4,
};

/** arrival, then rest; the `bedtime` variant plays rest-bedtime instead of rest-one. */
export function tinyPractice(segments: { arrival?: Segment; rest?: Segment } = {}): Practice {
  const first = segments.arrival ?? arrival;
  const second = segments.rest ?? rest;
  return {
    id: 'tiny-practice',
    title: 'Tiny practice',
    sections: [
      { id: 'arrival', title: first.title, segments: [first] },
      { id: 'rest', title: 'the rest', segments: [second], alternates: [restBedtime] },
    ],
    variants: [{ id: 'bedtime', title: 'bedtime', replace: { [second.id]: ['rest-bedtime'] } }],
  };
}

/** Duration by ffmpeg's own clock: the last `time=` of a decode to the null muxer. */
export async function ffmpegClockMs(file: string): Promise<number> {
  const stderr = await runFfmpeg(['-i', file, '-f', 'null', '-']);
  const times = [...stderr.matchAll(/time=(\d+):(\d+):(\d+(?:\.\d+)?)/g)];
  const [, h, m, s] = times[times.length - 1];
  return (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
}

/** ffmpeg's ebur128 summary, read straight from its output. */
export async function ebur128(file: string): Promise<{ lufs: number; truePeak: number }> {
  const stderr = await runFfmpeg(['-i', file, '-af', 'ebur128=peak=true:framelog=verbose', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const peak = /True peak:\s+Peak:\s+(\S+) dBFS/.exec(summary)?.[1];
  return { lufs: Number(/I:\s+(\S+) LUFS/.exec(summary)?.[1]), truePeak: peak === '-inf' ? -Infinity : Number(peak) };
}

export interface Silence {
  start: number;
  end: number;
}

/** Intervals quieter than `noiseDb` for at least `minSec`, by ffmpeg's silencedetect. */
export async function detectSilences(file: string, noiseDb = -50, minSec = 0.5): Promise<Silence[]> {
  const stderr = await runFfmpeg(['-i', file, '-af', `silencedetect=noise=${noiseDb}dB:d=${minSec}`, '-f', 'null', '-']);
  const starts = [...stderr.matchAll(/silence_start: (-?[\d.]+)/g)].map((match) => Number(match[1]));
  const ends = [...stderr.matchAll(/silence_end: ([\d.]+)/g)].map((match) => Number(match[1]));
  return starts.map((start, index) => ({ start: Math.max(0, start), end: ends[index] }));
}

export interface Mp3Frames {
  count: number;
  bitratesKbps: Set<number>;
  sampleRates: Set<number>;
  mono: boolean;
}

/** Walks the MPEG-1 Layer III frame headers of a file (after an optional ID3v2 tag). */
export function readMp3Frames(bytes: Buffer): Mp3Frames {
  const bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
  const rates = [44100, 48000, 32000];
  let offset = 0;
  if (bytes.toString('latin1', 0, 3) === 'ID3') {
    offset = 10 + ((bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9]);
  }
  const frames: Mp3Frames = { count: 0, bitratesKbps: new Set(), sampleRates: new Set(), mono: true };
  while (offset + 4 <= bytes.length) {
    const header = bytes.readUInt32BE(offset);
    if ((header & 0xffe00000) >>> 0 !== 0xffe00000) throw new Error(`lost MP3 frame sync at byte ${offset}`);
    const version = (header >>> 19) & 3; // 3 = MPEG-1
    const layer = (header >>> 17) & 3; // 1 = Layer III
    if (version !== 3 || layer !== 1) throw new Error(`not MPEG-1 Layer III at byte ${offset}`);
    const bitrate = bitrates[(header >>> 12) & 15];
    const rate = rates[(header >>> 10) & 3];
    const padding = (header >>> 9) & 1;
    frames.mono &&= ((header >>> 6) & 3) === 3;
    frames.bitratesKbps.add(bitrate);
    frames.sampleRates.add(rate);
    frames.count++;
    offset += Math.floor((144 * bitrate * 1000) / rate) + padding;
  }
  return frames;
}

/** RMS level of mono samples (s16 or float at full scale 1), in dBFS. */
export function rmsDb(samples: Int16Array | Float32Array): number {
  const scale = samples instanceof Int16Array ? 32768 : 1;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += (samples[i] / scale) ** 2;
  return 10 * Math.log10(sum / Math.max(1, samples.length));
}

export function peakOf(samples: Int16Array): number {
  return samples.reduce((peak, value) => Math.max(peak, Math.abs(value)), 0);
}
