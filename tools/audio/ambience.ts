/**
 * The nature bed under the voice: a soft forest generated offline by ffmpeg (or a CC0 recording the
 * user supplies), levelled to sit well under the speech and faded the same way at every segment edge.
 *
 * Why edge fades and not one continuous bed: segments are shared between variants (the standard
 * and bedtime orders play the same rest segment at different points), so a bed sliced from one long
 * signal would differ per variant and double the files; and AudioPlayer's gapless ENQUEUE is not
 * guaranteed sample-exact on every device, where a bed cut mid-signal would click. A raised-cosine
 * fade to digital zero at both ends of every file makes any join (or a small gap) a soft, identical
 * dip of the bed, always inside the voice's lead-in and final pause.
 */
import { ffmpegToFloat32 } from './ffmpeg';
import { dbToGain, integratedLoudness, mixScaled } from './loudness';

export interface AmbienceSettings {
  /** `forest`: generated from ffmpeg sources; `file`: a user-supplied recording (looped, sliced). */
  source: 'forest' | 'file';
  /** For `file`: the recording's path and sha256 (the hash, not the path, goes into the render key). */
  file?: { path: string; sha256: string };
  /** Bed loudness below the speech target, in LU (LUFS difference). */
  belowSpeechLu: number;
  /**
   * How far the bed may be lowered in a file where it would count toward the integrated loudness
   * (see `fitBedUnderVoice`), in LU below the speech target.
   */
  maxBelowSpeechLu: number;
  /** Raised-cosine fade at each segment edge, in seconds. */
  edgeFadeSec: number;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same bed on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * ffmpeg filter graph of the forest floor: a low canopy murmur (brown noise, slow irregular swell)
 * and leaves in the breeze (band-limited pink noise in gusts). Everything is low-passed: nothing
 * harsh or hissy. The seed sets the noise and the swell phases, so segments do not repeat each other.
 */
export function forestFilterGraph(seed: number, durationSec: number, sampleRate: number): string {
  const next = random(seed);
  const noiseSeed = (): number => Math.floor(next() * 4294967295);
  const phase = (): string => (next() * 2 * Math.PI).toFixed(3);
  const d = durationSec.toFixed(3);
  const r = sampleRate;
  return [
    `anoisesrc=c=brown:r=${r}:a=0.6:seed=${noiseSeed()}:d=${d},highpass=f=70,lowpass=f=420,` +
      `volume='0.7+0.3*sin(2*PI*t/23+${phase()})*sin(2*PI*t/61+${phase()})':eval=frame,aformat=channel_layouts=mono[canopy]`,
    `anoisesrc=c=pink:r=${r}:a=0.5:seed=${noiseSeed()}:d=${d},highpass=f=350,lowpass=f=2200,lowpass=f=3000,` +
      `volume='0.15+0.85*pow(0.5+0.5*sin(2*PI*t/14+${phase()}),3)*(0.6+0.4*sin(2*PI*t/83+${phase()}))':eval=frame,aformat=channel_layouts=mono[leaves]`,
    `[canopy][leaves]amerge=inputs=2,pan=mono|c0=1.0*c0+0.55*c1,highpass=f=50,lowpass=f=5000[bed]`,
  ].join(';');
}

/**
 * Bird calls, synthesized once per run by ffmpeg's aevalsrc (slow per sample, so never for a whole
 * bed): a small bird's three quick rising chirps near 3 kHz, and a dove's soft two-note coo.
 */
const CALLS = {
  chirps: {
    seconds: 0.45,
    expr: 'st(2,floor(t/0.17));st(3,t-0.17*ld(2));lt(ld(2),3)*lt(ld(3),0.09)*pow(sin(PI*ld(3)/0.09),2)*sin(2*PI*(2700*ld(3)+4400*ld(3)*ld(3)))',
    filter: 'lowpass=f=4500',
  },
  coo: {
    seconds: 1.15,
    expr:
      'st(3,t-0.6);lt(t,0.4)*pow(sin(PI*t/0.4),2)*(sin(2*PI*(560*t-40*t*t))+0.2*sin(4*PI*(560*t-40*t*t)))' +
      '+gte(ld(3),0)*lt(ld(3),0.5)*pow(sin(PI*ld(3)/0.5),2)*(sin(2*PI*(500*ld(3)-30*ld(3)*ld(3)))+0.2*sin(4*PI*(500*ld(3)-30*ld(3)*ld(3))))',
    filter: 'lowpass=f=1500',
  },
} as const;

type CallName = keyof typeof CALLS;
const callCache = new Map<number, Promise<Record<CallName, Float32Array>>>();

function birdCalls(sampleRate: number): Promise<Record<CallName, Float32Array>> {
  let calls = callCache.get(sampleRate);
  if (!calls) {
    const make = (name: CallName): Promise<Float32Array> => {
      const call = CALLS[name];
      return ffmpegToFloat32(['-f', 'lavfi', '-i', `aevalsrc='${call.expr}':s=${sampleRate}:d=${call.seconds},${call.filter}`], sampleRate);
    };
    calls = Promise.all([make('chirps'), make('coo')]).then(([chirps, coo]) => ({ chirps, coo }));
    callCache.set(sampleRate, calls);
  }
  return calls;
}

/** Adds `call` into `bed` at irregular seeded times (gaps between `minGapSec` and `maxGapSec`), each a little different in level. */
function scatter(
  bed: Float32Array,
  call: Float32Array,
  sampleRate: number,
  next: () => number,
  gain: number,
  minGapSec: number,
  maxGapSec: number,
): void {
  let at = next() * maxGapSec * sampleRate;
  while (at + call.length < bed.length) {
    const start = Math.floor(at);
    const level = gain * (0.5 + 0.5 * next());
    for (let i = 0; i < call.length; i++) bed[start + i] += call[i] * level;
    at += (minGapSec + next() * (maxGapSec - minGapSec)) * sampleRate;
  }
}

/** The generated forest: noise layers from ffmpeg, then the birds placed by the seed. */
async function forestBed(length: number, sampleRate: number, seed: number): Promise<Float32Array> {
  const durationSec = length / sampleRate + 0.1;
  const [generated, calls] = await Promise.all([
    ffmpegToFloat32(['-filter_complex', forestFilterGraph(seed, durationSec, sampleRate), '-map', '[bed]'], sampleRate),
    birdCalls(sampleRate),
  ]);
  const bed = new Float32Array(length);
  bed.set(generated.subarray(0, length));
  const next = random(seed ^ 0x5bd1e995);
  scatter(bed, calls.chirps, sampleRate, next, 0.012, 6, 19);
  scatter(bed, calls.coo, sampleRate, next, 0.03, 14, 40);
  return bed;
}

const fileBeds = new Map<string, Promise<Float32Array>>();

/** A user-supplied bed, decoded once per run, with its loop seam cross-faded so it can wrap. */
function loadFileBed(file: string, sampleRate: number): Promise<Float32Array> {
  const key = `${file}@${sampleRate}`;
  let loaded = fileBeds.get(key);
  if (!loaded) {
    loaded = ffmpegToFloat32(['-i', file, '-map', '0:a:0'], sampleRate).then((pcm) => {
      const seam = Math.min(Math.round(sampleRate * 2), Math.floor(pcm.length / 4));
      if (seam < 1) throw new Error(`ambience file ${file} is too short to loop`);
      // The last `seam` samples fade into the first ones; the loop is then pcm[seam...].
      const loop = pcm.slice(seam);
      for (let i = 0; i < seam; i++) {
        const w = i / seam;
        loop[loop.length - seam + i] = loop[loop.length - seam + i] * Math.cos((w * Math.PI) / 2) + pcm[i] * Math.sin((w * Math.PI) / 2);
      }
      return loop;
    });
    fileBeds.set(key, loaded);
  }
  return loaded;
}

/** `length` samples of the bed as generated (or looped from the recording), not yet levelled or faded. */
export async function rawBed(length: number, sampleRate: number, settings: AmbienceSettings, seed: number): Promise<Float32Array> {
  if (settings.source !== 'file') return forestBed(length, sampleRate, seed);
  if (!settings.file) throw new Error('ambience source "file" needs a file');
  const loop = await loadFileBed(settings.file.path, sampleRate);
  const bed = new Float32Array(length);
  const start = Math.floor(random(seed)() * loop.length);
  for (let i = 0; i < length; i++) bed[i] = loop[(start + i) % loop.length];
  return bed;
}

export interface BedShape {
  /** Loudness of the bed itself (before fades), LUFS. */
  lufs: number;
  edgeFadeSec: number;
  /** A long fade-out over the last seconds instead of the edge fade (the bedtime ending). */
  fadeOutSec?: number;
}

/** `length` samples of bed for one segment, levelled to `shape.lufs` and faded at both ends. */
export async function makeBed(length: number, sampleRate: number, settings: AmbienceSettings, seed: number, shape: BedShape): Promise<Float32Array> {
  const bed = await rawBed(length, sampleRate, settings, seed);
  const measured = integratedLoudness(bed, sampleRate);
  const gain = dbToGain(shape.lufs - measured);
  const fade = Math.min(Math.round(shape.edgeFadeSec * sampleRate), Math.floor(length / 2));
  const longFade = shape.fadeOutSec ? Math.min(Math.round(shape.fadeOutSec * sampleRate), length) : 0;
  for (let i = 0; i < length; i++) {
    let g = gain;
    if (i < fade) g *= (1 - Math.cos((Math.PI * i) / fade)) / 2;
    const fromEnd = length - 1 - i;
    if (fromEnd < fade) g *= (1 - Math.cos((Math.PI * fromEnd) / fade)) / 2;
    // The sleep fade is even in decibels (down 45 dB), which sounds like a steady drifting away.
    if (fromEnd < longFade) g *= dbToGain(-45 * (1 - fromEnd / longFade));
    bed[i] *= g;
  }
  return bed;
}

/** Lower the bed in 0.5 LU steps: fine enough to stay close to the nominal level. */
const FIT_STEP_LU = 0.5;
/** The bed may pull the file's integrated loudness down by at most this much (the master trims it back). */
const MAX_DRAG_LU = 0.3;

/**
 * Integrated loudness (BS.1770) gates out blocks more than 10 LU below the file's ungated level.
 * In a file that is mostly pause (the rest: nine tenths silence), the ungated level sinks toward
 * the bed, the bed passes the gate, and the file measures several LU quieter than its speech, so
 * -14 LUFS could only be had by pushing the voice far too loud. Such a file gets its bed lowered
 * (scaled in place) until it no longer drags the loudness; everywhere else it stays at the
 * nominal level. Returns how far below the speech target the bed ended up, in LU.
 */
export function fitBedUnderVoice(
  voice: Float32Array,
  voiceGainDb: number,
  bed: Float32Array,
  sampleRate: number,
  levels: { belowSpeechLu: number; maxBelowSpeechLu: number },
): number {
  const voiceGain = dbToGain(voiceGainDb);
  // Measured, not assumed to be the target: raising a recording lifts its room noise over the
  // absolute gate, which shifts its own loudness a little.
  const voiceLufs = integratedLoudness(mixScaled(voice, voiceGain), sampleRate);
  let lowered = 0;
  while (levels.belowSpeechLu + lowered < levels.maxBelowSpeechLu) {
    const mixed = integratedLoudness(mixScaled(voice, voiceGain, bed, dbToGain(-lowered)), sampleRate);
    if (mixed >= voiceLufs - MAX_DRAG_LU) break;
    lowered += FIT_STEP_LU;
  }
  lowered = Math.min(lowered, levels.maxBelowSpeechLu - levels.belowSpeechLu);
  if (lowered > 0) {
    const gain = dbToGain(-lowered);
    for (let i = 0; i < bed.length; i++) bed[i] *= gain;
  }
  return levels.belowSpeechLu + lowered;
}
