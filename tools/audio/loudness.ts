/**
 * Loudness in memory, for steering the master before it is encoded: ITU-R BS.1770-4 integrated
 * loudness (K-weighting, 400 ms blocks, absolute and relative gates) and a look-ahead peak limiter.
 * The figures that count are measured afterwards by ffmpeg on the encoded file (measure.ts); these
 * agree with ffmpeg's ebur128 to within about 0.1 LU, so the first encode nearly always lands.
 * Signals are mono Float32 at full scale 1.0.
 */

/** What BS.1770 reports for a signal with no block above the absolute gate (digital silence). */
export const SILENT_LUFS = -70;

interface Biquad {
  b: [number, number, number];
  a: [number, number];
}

/** The two K-weighting stages (high shelf, then the RLB high-pass), designed for `sampleRate` as libebur128 does. */
function kWeighting(sampleRate: number): Biquad[] {
  let f0 = 1681.974450955533;
  let q = 0.7071752369554196;
  const gainDb = 3.999843853973347;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b: [(vh + (vb * k) / q + k * k) / a0, (2 * (k * k - vh)) / a0, (vh - (vb * k) / q + k * k) / a0],
    a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
  };
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = { b: [1, -2, 1], a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0] };
  return [shelf, highPass];
}

/** Mean square of the K-weighted signal per 100 ms step (the 400 ms blocks overlap by 75 %). */
function weightedStepPowers(samples: Float32Array, sampleRate: number): Float64Array {
  const [shelf, highPass] = kWeighting(sampleRate);
  const step = Math.round(sampleRate / 10);
  const powers = new Float64Array(Math.floor(samples.length / step));
  let s1 = 0;
  let s2 = 0;
  let h1 = 0;
  let h2 = 0;
  for (let index = 0; index < powers.length; index++) {
    let sum = 0;
    for (let i = index * step, end = i + step; i < end; i++) {
      // Direct form II transposed, both stages.
      const x = samples[i];
      const y = shelf.b[0] * x + s1;
      s1 = shelf.b[1] * x - shelf.a[0] * y + s2;
      s2 = shelf.b[2] * x - shelf.a[1] * y;
      const z = highPass.b[0] * y + h1;
      h1 = highPass.b[1] * y - highPass.a[0] * z + h2;
      h2 = highPass.b[2] * y - highPass.a[1] * z;
      sum += z * z;
    }
    powers[index] = sum / step;
  }
  return powers;
}

const toLufs = (power: number): number => -0.691 + 10 * Math.log10(power);

/** Integrated loudness in LUFS; SILENT_LUFS when nothing passes the absolute gate. */
export function integratedLoudness(samples: Float32Array, sampleRate: number): number {
  const steps = weightedStepPowers(samples, sampleRate);
  const blocks: number[] = [];
  for (let i = 0; i + 4 <= steps.length; i++) {
    const power = (steps[i] + steps[i + 1] + steps[i + 2] + steps[i + 3]) / 4;
    if (power > 0 && toLufs(power) > -70) blocks.push(power);
  }
  if (blocks.length === 0) return SILENT_LUFS;
  const relativeGate = toLufs(blocks.reduce((sum, power) => sum + power, 0) / blocks.length) - 10;
  const gated = blocks.filter((power) => toLufs(power) > relativeGate);
  return toLufs(gated.reduce((sum, power) => sum + power, 0) / gated.length);
}

export const dbToGain = (db: number): number => 10 ** (db / 20);
export const gainToDb = (gain: number): number => 20 * Math.log10(gain);

/** Largest absolute sample, in dBFS (-Infinity for silence). */
export function samplePeakDb(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]));
  return peak > 0 ? gainToDb(peak) : -Infinity;
}

export interface LimiterOptions {
  ceilingDb: number;
  sampleRate: number;
  /** Look-ahead and attack, in seconds: the gain is already down when a peak arrives. */
  attackSec?: number;
  /** Time constant of the recovery after a peak, in seconds. */
  releaseSec?: number;
}

/**
 * A look-ahead brick-wall limiter: returns a copy whose sample peaks stay at or under `ceilingDb`.
 * The gain each sample needs is min-filtered over +-attack, box-smoothed over the same window
 * (so it still covers every peak, and never steps), then recovers with a one-pole release.
 * Gain only ever goes down, so quiet passages and the silences are untouched. Work is spent only
 * around the peaks (speech has few): elsewhere the samples are copied through.
 */
export function limitPeaks(samples: Float32Array, options: LimiterOptions): { output: Float32Array; maxReductionDb: number } {
  const ceiling = dbToGain(options.ceilingDb);
  const reach = Math.max(1, Math.round((options.attackSec ?? 0.005) * options.sampleRate));
  const n = samples.length;
  // Minimum needed gain within +-reach of each sample; 1 far from any peak.
  let windowMin: Float32Array | undefined;
  for (let p = 0; p < n; p++) {
    const magnitude = Math.abs(samples[p]);
    if (magnitude <= ceiling) continue;
    windowMin ??= new Float32Array(n).fill(1);
    const need = ceiling / magnitude;
    for (let j = Math.max(0, p - reach), end = Math.min(n - 1, p + reach); j <= end; j++) {
      if (windowMin[j] > need) windowMin[j] = need;
    }
  }
  if (!windowMin) return { output: samples.slice(), maxReductionDb: 0 };

  // Box average over the same window (at a peak every averaged value is <= the gain it needs),
  // tracked as a deficit below 1 so that stretches far from peaks add nothing.
  const width = 2 * reach + 1;
  const output = new Float32Array(n);
  const recovery = 1 - Math.exp(-1 / ((options.releaseSec ?? 0.08) * options.sampleRate));
  let deficit = 0;
  for (let i = 0; i <= Math.min(reach, n - 1); i++) deficit += 1 - windowMin[i];
  let gain = 1;
  let minGain = 1;
  for (let i = 0; i < n; i++) {
    if (deficit <= 1e-9 && gain >= 1 - 1e-6) {
      gain = 1;
      output[i] = samples[i];
    } else {
      gain = Math.min(1 - deficit / width, gain + (1 - gain) * recovery);
      if (gain < minGain) minGain = gain;
      const value = samples[i] * gain;
      // Float rounding aside, the value is already under the ceiling; clamp the last ulp.
      output[i] = value > ceiling ? ceiling : Math.max(value, -ceiling);
    }
    const entering = i + reach + 1;
    const leaving = i - reach;
    if (entering < n) deficit += 1 - windowMin[entering];
    if (leaving >= 0) deficit -= 1 - windowMin[leaving];
    if (deficit < 0) deficit = 0;
  }
  return { output, maxReductionDb: -gainToDb(minGain) };
}

/** `a * gainA + b * gainB` (b may be absent), as a new array the length of `a`. */
export function mixScaled(a: Float32Array, gainA: number, b?: Float32Array, gainB = 1): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * gainA + (b ? b[i] * gainB : 0);
  return out;
}
