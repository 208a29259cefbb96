/**
 * `npx tsx tools/audio/measure-sleep-sounds.ts [seconds] [kbps...]`: is a low bit rate clean enough
 * for the sleep-sounds loop? Makes the loop (default 120 s of it) at its target level, encodes the
 * same samples at each bit rate (default 32 48 64) and reports, per rate: a null test (the decoded
 * MP3 minus the lossless samples, in dB under the signal), the energy above 11 kHz (lossless and
 * MP3), the loudness and true peak, the join of the loop into itself, and bytes per hour.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ffmpegToFloat32, runFfmpeg } from './ffmpeg';
import { dbToGain, integratedLoudness } from './loudness';
import { measureJoin } from './loop-join';
import { encodeMp3Float } from './master';
import { measureDelivered } from './measure';
import { DEFAULT_RENDER_SETTINGS } from './render-key';
import { makeSleepLoop } from './sleep-sounds';

const db = (value: number): string => `${value >= 0 ? ' ' : ''}${value.toFixed(1)}`;

/** Mean level above 11 kHz by ffmpeg's volumedetect, dBFS (-91 is nothing at all in 16 bits). */
async function above11kHz(file: string): Promise<number> {
  const stderr = await runFfmpeg(['-i', file, '-af', 'highpass=f=11000,highpass=f=11000,highpass=f=11000,volumedetect', '-f', 'null', '-']);
  return Number(/mean_volume: (-?[\d.]+|-inf) dB/.exec(stderr)?.[1] ?? -Infinity);
}

async function main(): Promise<void> {
  const [secondsArg, ...rates] = process.argv.slice(2);
  const seconds = Number(secondsArg ?? 120);
  const kbpsList = (rates.length ? rates : ['32', '48', '64']).map(Number);
  const base = DEFAULT_RENDER_SETTINGS;
  const settings = { ...base, sleepSounds: { ...base.sleepSounds, loopSec: seconds } };
  const rate = settings.encoder.sampleRate;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sleep-bitrate-'));
  try {
    const raw = await makeSleepLoop(settings);
    const gain = dbToGain(settings.sleepSounds.targetLufs - integratedLoudness(raw, rate));
    const loop = raw.map((sample) => sample * gain);
    const lossless = path.join(dir, 'lossless.wav');
    await runFfmpeg(['-f', 'f32le', '-ar', String(rate), '-ac', '1', '-i', 'pipe:0', '-c:a', 'pcm_s24le', '-y', lossless], {
      input: Buffer.from(loop.buffer),
    });
    let signal = 0;
    for (const sample of loop) signal += sample * sample;
    console.log(
      `loop of ${seconds} s at ${settings.sleepSounds.targetLufs} LUFS (before encoding); lossless above 11 kHz: ${db(await above11kHz(lossless))} dBFS`,
    );
    console.log('kb/s  null test dB  >11 kHz dBFS  LUFS   dBTP   join: rms/range dB, dip, step, click   MB/hour');
    for (const kbps of kbpsList) {
      const file = path.join(dir, `loop-${kbps}.mp3`);
      await encodeMp3Float(loop, { ...settings.encoder, bitrateKbps: kbps }, file);
      const decoded = await ffmpegToFloat32(['-i', file], rate);
      let residual = 0;
      const n = Math.min(decoded.length, loop.length);
      for (let i = 0; i < n; i++) residual += (decoded[i] - loop[i]) ** 2;
      const [figures, join, info] = await Promise.all([measureDelivered(file), measureJoin(file, file), stat(file)]);
      const perHour = ((info.size / seconds) * 3600) / 1e6;
      console.log(
        `${String(kbps).padStart(4)}  ${db(10 * Math.log10(residual / signal)).padStart(11)}  ${db(await above11kHz(file)).padStart(12)}  ` +
          `${db(figures.integratedLufs)}  ${db(figures.truePeakDbtp)}  ${db(join.joinRmsDb)}/${db(join.rangeRmsDb[0])}..${db(join.rangeRmsDb[1])}, ` +
          `${db(join.dipDb)}, ${db(join.stepDb)}, ${db(join.clickDb)}   ${perHour.toFixed(1)} (${decoded.length === loop.length ? 'sample-exact' : `${decoded.length - loop.length} samples off`})`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`measure-sleep-sounds: ${error.message}`);
  process.exitCode = 1;
});
