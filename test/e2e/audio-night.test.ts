/**
 * The night end to end, with the real flite and ffmpeg: a tiny practice whose bedtime segment
 * softens, rendered with a short sleep-sounds loop. Checked by independent measurements (ffmpeg's
 * ebur128 on the files and on the last cue, the loop decoded twice back to back), then by
 * audio:check, which must pass it and fail the same folder with a planted problem: a bedtime file
 * without the step-down, and a loop with a gap at its end.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Segment } from '../../models/practice-types';
import { checkAudioDir } from '../../tools/audio/check';
import { MAX_HAND_OFF_STEP_DB } from '../../tools/audio/check-night';
import { decodeMonoPcm, ffmpegToFloat32, runFfmpeg, sha256File } from '../../tools/audio/ffmpeg';
import { createFliteEngine } from '../../tools/audio/flite';
import { parseWav } from '../../tools/audio/pcm';
import type { AudioManifest } from '../../tools/audio/manifest-types';
import { dbToGain } from '../../tools/audio/loudness';
import { encodeMp3Float } from '../../tools/audio/master';
import { measureDelivered } from '../../tools/audio/measure';
import { DEFAULT_RENDER_SETTINGS, renderedFileName } from '../../tools/audio/render-key';
import { renderPractice } from '../../tools/audio/render-practice';
import { SHORT_SLEEP_SOUNDS, arrival, ebur128, rest, rmsDb, withShortSleepSounds } from '../support/audio-files';

const run = promisify(execFile);
const settings = withShortSleepSounds();
const RATE = settings.encoder.sampleRate;

/** A bedtime ending that softens to 2.25 dB under the practice's level, 8 % slower by its last cue. */
const bedtime: Segment = {
  id: 'rest-bedtime',
  sectionId: 'rest',
  title: 'resting into sleep',
  leadInSec: 1,
  cues: [
    { say: 'Rest now, and let the breath grow slow.', pauseSec: 1.5 },
    { say: 'Let the body grow heavy and warm.', pauseSec: 1.5 },
    { say: 'Sleep well, and goodnight.', pauseSec: 4 },
  ],
  ambienceFadeOutSec: 4,
  softening: { fromDb: -0.75, toDb: -2.25, fromRate: 0.97, toRate: 0.92 },
};

const practice = {
  id: 'tiny-night',
  title: 'Tiny night',
  sections: [
    { id: 'arrival' as const, title: 'arriving', segments: [arrival] },
    { id: 'rest' as const, title: 'the rest', segments: [rest], alternates: [bedtime] },
  ],
  variants: [{ id: 'bedtime', title: 'bedtime', replace: { [rest.id]: [bedtime.id] } }],
};

async function readManifest(dir: string): Promise<AudioManifest> {
  return JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as AudioManifest;
}

/** Integrated loudness of [start, end) ms of a file, by ffmpeg's ebur128 directly. */
async function spanLufs(file: string, startMs: number, endMs: number): Promise<number> {
  const stderr = await runFfmpeg(['-i', file, '-af', `atrim=start=${startMs / 1000}:end=${endMs / 1000},ebur128`, '-f', 'null', '-']);
  return Number(/I:\s+(-?[\d.]+) LUFS/.exec(stderr.slice(stderr.lastIndexOf('Summary:')))?.[1]);
}

/** Rewrites a manifest entry's sha256, bytes and figures to tell the truth about its (replaced) file. */
async function vouchFor(dir: string, file: string): Promise<void> {
  const manifest = await readManifest(dir);
  const full = path.join(dir, file);
  const figures = await measureDelivered(full);
  const truth = {
    sha256: await sha256File(full),
    bytes: (await stat(full)).size,
    integratedLufs: figures.integratedLufs,
    truePeakDbtp: figures.truePeakDbtp,
    durationMs: figures.durationMs,
  };
  manifest.segments = manifest.segments.map((entry) => (entry.file === file ? { ...entry, ...truth } : entry));
  manifest.sleepSounds = manifest.sleepSounds?.map((entry) => (entry.file === file ? { ...entry, ...truth } : entry));
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

describe('the night: a softening voice and sleep sounds, rendered and checked', () => {
  let outDir: string;
  let manifest: AudioManifest;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'audio-night-'));
    const result = await renderPractice(practice, { outDir, settings });
    if (!result.manifest) throw new Error(`render left ${result.missing.join(', ')} missing`);
    manifest = await readManifest(outDir);
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  const sound = (role: 'rise' | 'loop' | 'fade') => {
    const entry = (manifest.sleepSounds ?? []).find((candidate) => candidate.role === role);
    if (!entry) throw new Error(`no sleep-sounds ${role} in the manifest`);
    return entry;
  };

  it("lists the rise, the loop and the fade, the loop length each, in Amazon's window near -18 LUFS at 32 kb/s", async () => {
    const sounds = manifest.sleepSounds ?? [];
    expect(sounds.map((entry) => entry.role)).toEqual(['rise', 'loop', 'fade']);
    expect(sounds[0].file).toMatch(/^sleep-sounds-rise\.[0-9a-f]{10}\.mp3$/);
    expect(sounds[1].file).toMatch(/^sleep-sounds\.[0-9a-f]{10}\.mp3$/);
    expect(sounds[2].file).toMatch(/^sleep-sounds-fade\.[0-9a-f]{10}\.mp3$/);
    for (const entry of sounds) {
      const measured = await ebur128(path.join(outDir, entry.file));
      expect(Math.abs(entry.durationMs - SHORT_SLEEP_SOUNDS.loopSec * 1000)).toBeLessThanOrEqual(1);
      expect(measured.lufs).toBeGreaterThanOrEqual(-19);
      expect(measured.lufs).toBeLessThanOrEqual(-9);
      expect(measured.truePeak).toBeLessThanOrEqual(-2);
      expect(Math.abs(measured.lufs - entry.targetLufs)).toBeLessThanOrEqual(0.5);
      expect(entry).toMatchObject({ bitrateKbps: 32, sampleRate: 44100, channels: 1 });
      expect((entry.bytes * 8) / entry.durationMs).toBeCloseTo(32, 0);
    }
    expect(Math.abs(sound('loop').integratedLufs - SHORT_SLEEP_SOUNDS.targetLufs)).toBeLessThanOrEqual(0.5);
  });

  it('joins seamlessly: rise into loop, loop into loop and into the fade hold their level across the join', async () => {
    const [rise, loop, fade] = (['rise', 'loop', 'fade'] as const).map((role) => path.join(outDir, sound(role).file));
    const copy = await ffmpegToFloat32(['-i', loop], RATE);
    expect(copy.length).toBe(SHORT_SLEEP_SOUNDS.loopSec * RATE); // sample-exact: the LAME tag's delay and padding are dropped
    const [risen, faded] = await Promise.all([ffmpegToFloat32(['-i', rise], RATE), ffmpegToFloat32(['-i', fade], RATE)]);
    for (const [before, next] of [
      [risen, copy],
      [copy, copy],
      [copy, faded],
    ]) {
      const joined = new Float32Array(RATE * 4);
      joined.set(before.subarray(before.length - RATE * 2));
      joined.set(next.subarray(0, RATE * 2), RATE * 2);
      // 20 ms windows: the two around the join against every other one in the four seconds.
      const width = RATE / 50;
      const levels = Array.from({ length: joined.length / width }, (_, i) => rmsDb(joined.subarray(i * width, (i + 1) * width)));
      const atJoin = [levels[99], levels[100]];
      const elsewhere = levels.filter((_, i) => i < 95 || i > 104).sort((a, b) => a - b);
      for (const level of atJoin) {
        expect(level).toBeGreaterThan(elsewhere[0] - 1);
        expect(level).toBeLessThan(elsewhere[elsewhere.length - 1] + 1);
      }
      const side = (from: number) => rmsDb(joined.subarray(from, from + RATE));
      expect(Math.abs(side(RATE * 2) - side(RATE))).toBeLessThan(1.5);
    }
  });

  it("rises the first item out of near silence over its first stretch, to the loop's level", async () => {
    const rise = path.join(outDir, sound('rise').file);
    const loop = path.join(outDir, sound('loop').file);
    const afterRise = { startSec: SHORT_SLEEP_SOUNDS.riseSec + 1, durationSec: 5 };
    expect(Math.abs(rmsDb(await decodeMonoPcm(rise, afterRise)) - rmsDb(await decodeMonoPcm(loop, afterRise)))).toBeLessThan(0.3);
    const first = rmsDb(await decodeMonoPcm(rise, { startSec: 0.1, durationSec: 0.4 }));
    expect(rmsDb(await decodeMonoPcm(loop, { startSec: 0.1, durationSec: 0.4 })) - first).toBeGreaterThan(40);
  });

  it("fades the last item out over its final stretch, from the loop's level", async () => {
    const fade = path.join(outDir, sound('fade').file);
    const loop = path.join(outDir, sound('loop').file);
    const early = { startSec: 1, durationSec: 5 };
    expect(Math.abs(rmsDb(await decodeMonoPcm(fade, early)) - rmsDb(await decodeMonoPcm(loop, early)))).toBeLessThan(0.3);
    const last = rmsDb(await decodeMonoPcm(fade, { startSec: SHORT_SLEEP_SOUNDS.loopSec - 0.5, durationSec: 0.4 }));
    expect(rmsDb(await decodeMonoPcm(fade, { startSec: 2, durationSec: 1 })) - last).toBeGreaterThan(30);
  });

  it('softens the bedtime voice: its own lower target, and the last cue 2 LU under the practice', async () => {
    for (const ambience of ['forest', 'none'] as const) {
      const entry = manifest.segments.find((candidate) => candidate.file === renderedFileName(bedtime, settings, ambience));
      if (!entry?.softening || entry.targetLufs === undefined) throw new Error(`no softening recorded for ${ambience}`);
      const file = path.join(outDir, entry.file);
      const measured = await ebur128(file);
      expect(entry.targetLufs).toBeLessThan(-14.5);
      expect(Math.abs(measured.lufs - entry.targetLufs)).toBeLessThanOrEqual(0.5);
      expect(measured.truePeak).toBeLessThanOrEqual(-2);
      const lastCue = await spanLufs(file, entry.softening.lastCueStartMs, entry.softening.lastCueEndMs);
      expect(lastCue).toBeLessThanOrEqual(-14 - 1.75);
      expect(lastCue).toBeGreaterThan(-14 - 3);
    }
    // The daytime segments keep the practice's level.
    for (const entry of manifest.segments.filter((candidate) => candidate.segmentId !== bedtime.id)) {
      expect(entry.targetLufs).toBe(-14);
      expect(entry.softening).toBeUndefined();
    }
  });

  it('speaks a slower cue when asked: flite stretches it by the rate', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audio-night-rate-'));
    const engine = createFliteEngine(DEFAULT_RENDER_SETTINGS.voice, { concurrency: 1 });
    try {
      const text = 'Let the body grow heavy and warm, and rest.';
      await engine.synthesize(text, path.join(dir, 'usual.wav'));
      await engine.synthesize(text, path.join(dir, 'slower.wav'), { rate: 0.92 });
      const [usual, slower] = await Promise.all(
        ['usual.wav', 'slower.wav'].map(async (name) => parseWav(await readFile(path.join(dir, name))).samples.length),
      );
      expect(slower / usual).toBeGreaterThan(1.05);
      expect(slower / usual).toBeLessThan(1.12);
    } finally {
      await engine.close?.();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('passes audio:check, with the step-down and the joins in its figures', async () => {
    // The hand-off measured over a quarter second: this render's rise lasts two (the delivered one, 150).
    const report = await checkAudioDir(outDir, { softenedSegments: { [bedtime.id]: 2.25 }, handOffSec: 0.25 });
    expect(report.problems).toEqual([]);
    const softened = report.files.filter((file) => file.stepDown);
    expect(softened).toHaveLength(2);
    for (const file of softened) expect(file.stepDown?.belowLu).toBeGreaterThanOrEqual(1.75);
    expect(report.sleepSounds?.joins.loop?.stepDb).toBeDefined();
    expect(Math.abs(report.sleepSounds?.joins.fade?.stepDb ?? 99)).toBeLessThan(1);
    expect(Math.abs(report.sleepSounds?.joins.rise?.stepDb ?? 99)).toBeLessThan(1);
    // After each practice the sounds grow out of its end, starting far under where the loop starts.
    const handOffs = report.sleepSounds?.handOffs ?? [];
    expect(handOffs.map((handOff) => handOff.variant)).toEqual(['standard', 'bedtime']);
    for (const handOff of handOffs) {
      expect(handOff.riseStartDb - handOff.practiceEndDb).toBeLessThanOrEqual(MAX_HAND_OFF_STEP_DB);
      expect(handOff.loopStartDb - handOff.riseStartDb).toBeGreaterThan(MAX_HAND_OFF_STEP_DB);
    }
  });

  it('fails a bedtime file without the step-down, and a loop with a gap at its end, naming each', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audio-night-planted-'));
    try {
      await cp(outDir, dir, { recursive: true });
      // The bedtime file with its last cue brought back up to the practice's level.
      const entry = manifest.segments.find((candidate) => candidate.file === renderedFileName(bedtime, settings, 'none'));
      if (!entry?.softening) throw new Error('no softened plain file');
      const voice = await ffmpegToFloat32(['-i', path.join(dir, entry.file)], RATE);
      const from = Math.round((entry.softening.lastCueStartMs / 1000) * RATE);
      const to = Math.round((entry.softening.lastCueEndMs / 1000) * RATE);
      for (let i = from; i < to; i++) voice[i] *= dbToGain(2.25);
      await encodeMp3Float(voice, settings.encoder, path.join(dir, entry.file));
      await vouchFor(dir, entry.file);
      // The loop with its last 40 ms silent: a gap at every join.
      const loopEntry = sound('loop');
      const loop = await ffmpegToFloat32(['-i', path.join(dir, loopEntry.file)], RATE);
      loop.fill(0, loop.length - Math.round(RATE * 0.04));
      await encodeMp3Float(loop, { ...settings.encoder, bitrateKbps: 32 }, path.join(dir, loopEntry.file));
      await vouchFor(dir, loopEntry.file);

      const report = await checkAudioDir(dir, { softenedSegments: { [bedtime.id]: 2.25 }, handOffSec: 0.25 });
      expect(report.problems.map((problem) => [problem.file, problem.figure])).toEqual([
        [entry.file, 'step-down'],
        [loopEntry.file, 'loop join'],
        [loopEntry.file, 'loop join'],
      ]);
      expect(report.problems[0].message).toMatch(/step-down -?0\.\d LU: the last cue measures -1\d\.\d LUFS, not 2\.25 LU \(\+-0\.5\) under/);
      expect(report.problems[1].message).toMatch(/loop join into itself: .*\(a gap\)/);

      // The command line says so too, and exits non-zero (the tiny practice's softened file is known by its record).
      const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
      const failed = await run(tsx, [path.join(__dirname, '..', '..', 'tools', 'audio', 'check.ts'), '--dir', dir]).then(
        () => ({ code: 0, output: '' }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
      );
      expect(failed.code).toBe(1);
      expect(failed.output).toMatch(new RegExp(`${entry.file.replace(/\./g, '\\.')}: step-down`));
      expect(failed.output).toMatch(/sleep sounds sleep-sounds\.[0-9a-f]{10}\.mp3 \(loop\): -1\d\.\d LUFS/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
