/**
 * How a join between two delivered files sounds, measured on the decoded MP3s (so encoder delay and
 * padding count): the end of one file played straight into the start of the next, as a gapless
 * player does, compared with the sound on either side. A seamless loop's join (loop into loop, loop
 * into fade) is indistinguishable from any other moment of the bed: no dip, no level step, no click.
 */
import { ffmpegToFloat32, measureAudio } from './ffmpeg';

export interface JoinFigures {
  /** RMS of the 100 ms around the join, dBFS. */
  joinRmsDb: number;
  /** Quietest and loudest 100 ms elsewhere in the measured stretch, dBFS. */
  rangeRmsDb: [number, number];
  /** Quietest 10 ms within 30 ms of the join, minus the 1st percentile of 10 ms windows elsewhere, dB (a gap is very negative). */
  dipDb: number;
  /** Level after the join minus level before it (half a second each), dB. */
  stepDb: number;
  /** Largest sample-to-sample jump within 2 ms of the join over the largest elsewhere, dB (a click is positive). */
  clickDb: number;
}

/**
 * What audio:check accepts as seamless. Measured (tools/audio/measure-sleep-sounds.ts): the cross-faded
 * loop joins at -2.7 to +3.0 dB "click" (MP3's own noise at the edges, 32-128 kb/s), dip 0.5-1.1 dB
 * and step 0.1-0.3 dB; the same noise looped without the cross-fade joined at up to 19 dB click and
 * 3.9 dB step, and a 40 ms gap dips far below -3 dB.
 */
export const SEAMLESS = { maxOutsideRangeDb: 1, minDipDb: -3, maxStepDb: 2, maxClickDb: 6 } as const;

const db = (power: number): number => 10 * Math.log10(Math.max(power, 1e-20));

function meanSquare(x: Float32Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += x[i] * x[i];
  return sum / Math.max(1, end - start);
}

/** Windowed RMS in dB: `width` samples every `hop`, with each window's centre. */
function windows(x: Float32Array, width: number, hop: number): Array<{ centre: number; db: number }> {
  const out: Array<{ centre: number; db: number }> = [];
  for (let start = 0; start + width <= x.length; start += hop) out.push({ centre: start + width / 2, db: db(meanSquare(x, start, start + width)) });
  return out;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor((p / 100) * sorted.length)))];
}

/** Figures of `before` played straight into `after` (mono, same rate; a few seconds of each is plenty). */
export function analyzeJoin(before: Float32Array, after: Float32Array, sampleRate: number): JoinFigures {
  const x = new Float32Array(before.length + after.length);
  x.set(before);
  x.set(after, before.length);
  const join = before.length;
  const ms = (value: number): number => Math.round((value / 1000) * sampleRate);
  if (before.length < ms(600) || after.length < ms(600)) throw new Error('join: need at least 0.6 s on each side');

  const wide = windows(x, ms(100), ms(10));
  const aroundJoin = wide.reduce((best, w) => (Math.abs(w.centre - join) < Math.abs(best.centre - join) ? w : best));
  const elsewhere = wide.filter((w) => Math.abs(w.centre - join) > ms(150)).map((w) => w.db);

  const narrow = windows(x, ms(10), ms(2));
  const narrowNear = narrow.filter((w) => Math.abs(w.centre - join) <= ms(30)).map((w) => w.db);
  const narrowElsewhere = narrow.filter((w) => Math.abs(w.centre - join) > ms(100)).map((w) => w.db);

  let nearJump = 0;
  let farJump = 0;
  for (let i = 1; i < x.length; i++) {
    const jump = Math.abs(x[i] - x[i - 1]);
    if (Math.abs(i - join) <= ms(2)) nearJump = Math.max(nearJump, jump);
    else if (Math.abs(i - join) > ms(20)) farJump = Math.max(farJump, jump);
  }

  const side = ms(500);
  const gap = ms(20);
  return {
    joinRmsDb: aroundJoin.db,
    rangeRmsDb: [Math.min(...elsewhere), Math.max(...elsewhere)],
    dipDb: Math.min(...narrowNear) - percentile(narrowElsewhere, 1),
    stepDb: db(meanSquare(x, join + gap, join + gap + side)) - db(meanSquare(x, join - gap - side, join - gap)),
    clickDb: 20 * Math.log10(Math.max(nearJump, 1e-12) / Math.max(farJump, 1e-12)),
  };
}

/** Why a join is not seamless, one reason a line; empty when it is. */
export function joinProblems(figures: JoinFigures): string[] {
  const problems: string[] = [];
  const [low, high] = figures.rangeRmsDb;
  if (figures.joinRmsDb < low - SEAMLESS.maxOutsideRangeDb || figures.joinRmsDb > high + SEAMLESS.maxOutsideRangeDb) {
    problems.push(
      `the 100 ms around it measure ${figures.joinRmsDb.toFixed(1)} dBFS, outside the ${low.toFixed(1)} to ${high.toFixed(1)} dBFS of the rest`,
    );
  }
  if (figures.dipDb < SEAMLESS.minDipDb) problems.push(`it dips ${(-figures.dipDb).toFixed(1)} dB under the quietest moments elsewhere (a gap)`);
  if (Math.abs(figures.stepDb) > SEAMLESS.maxStepDb) problems.push(`the level steps by ${figures.stepDb.toFixed(1)} dB across it`);
  if (figures.clickDb > SEAMLESS.maxClickDb) problems.push(`it jumps ${figures.clickDb.toFixed(1)} dB more sharply than anywhere else (a click)`);
  return problems;
}

/** The join of `first`'s end into `second`'s start, decoded as a gapless player decodes them (the LAME tag's delay and padding dropped). */
export async function measureJoin(first: string, second: string, options: { sideSec?: number; sampleRate?: number } = {}): Promise<JoinFigures> {
  const side = options.sideSec ?? 3;
  const rate = options.sampleRate ?? 44100;
  const { durationMs } = await measureAudio(first);
  const tailStart = Math.max(0, durationMs / 1000 - side);
  const [tail, head] = await Promise.all([
    ffmpegToFloat32(['-i', first, '-map', '0:a:0', '-af', `atrim=start=${tailStart.toFixed(6)}`], rate),
    ffmpegToFloat32(['-i', second, '-map', '0:a:0', '-af', `atrim=end=${side}`], rate),
  ]);
  return analyzeJoin(tail, head, rate);
}
