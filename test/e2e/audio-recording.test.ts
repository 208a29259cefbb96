/**
 * A teacher's own recording: the cue-sheet format and its errors, then a generated three-part
 * recording (each part a different pitch, encoded as M4A) imported with a cue sheet and a bed from
 * a user-supplied file, checked for cut points, loudness, content, the bed, variants and caching.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeSliceFloat32, runFfmpeg, sha256File } from '../../tools/audio/ffmpeg';
import type { AudioManifest } from '../../tools/audio/manifest-types';
import { importRecording, parseCueSheet, parseCueTime } from '../../tools/audio/recording';
import { DEFAULT_RENDER_SETTINGS, type RenderSettings } from '../../tools/audio/render-key';
import { ebur128, ffmpegClockMs, rmsDb, tinyPractice, withShortSleepSounds } from '../support/audio-files';

const IDS = ['arrival', 'rest-one', 'rest-bedtime'];

describe('cue sheets', () => {
  it.each([
    ['93.5', 93.5],
    ['0', 0],
    ['1:33.5', 93.5],
    ['01:02:03.25', 3723.25],
    ['1:60', undefined],
    ['1:2:3:4', undefined],
    ['-1', undefined],
    ['1m30', undefined],
  ])('reads %s as %s seconds', (text, seconds) => {
    expect(parseCueTime(text)).toBe(seconds);
  });

  it('reads segments, comments and an end line into start and end times', () => {
    const sheet = '# take three\n\narrival 0:00\nrest-one   1:02.5   # after the settling\nrest-bedtime 125\nend 0:03:00\n';
    expect(parseCueSheet(sheet, IDS)).toEqual([
      { segmentId: 'arrival', startSec: 0, endSec: 62.5 },
      { segmentId: 'rest-one', startSec: 62.5, endSec: 125 },
      { segmentId: 'rest-bedtime', startSec: 125, endSec: 180 },
    ]);
    expect(parseCueSheet('arrival 0\nrest-one 10', IDS)[1]).toEqual({ segmentId: 'rest-one', startSec: 10, endSec: undefined });
  });

  it.each([
    ['arrival 0\nrest-two 10', /line 2: unknown segment id "rest-two" \(known: arrival, rest-one, rest-bedtime\)/],
    ['arrival 0:10\nrest-one 0:05', /line 2: time 0:05 is not after the previous line's \(line 1\)/],
    ['arrival 0\narrival 5', /line 2: segment "arrival" is listed twice/],
    ['arrival zero', /line 1: "zero" is not a time/],
    ['arrival', /line 1: expected "<segment-id> <start time>"/],
    ['arrival 0\nend 9\nrest-one 10', /line 3: nothing may follow the "end" line/],
    ['# nothing here', /no segments listed/],
  ])('rejects %j', (sheet, message) => {
    expect(() => parseCueSheet(sheet, IDS, 'cues.txt')).toThrow(message);
  });
});

const RATE = 44100;
/** The parts of the generated recording: where each starts, and its pitch. */
const PARTS = [
  { id: 'arrival', start: 0, hz: 330 },
  { id: 'rest-one', start: 6, hz: 550 },
  { id: 'rest-bedtime', start: 13.5, hz: 770 },
  { id: 'tail', start: 20, hz: 1000 },
];
const LENGTH_SEC = 22;

/** Bursts of the part's pitch, like phrases with breaths between, over a faint room noise. */
function recordingSamples(): Float32Array {
  const samples = new Float32Array(LENGTH_SEC * RATE);
  let noise = 1;
  for (let i = 0; i < samples.length; i++) {
    const t = i / RATE;
    const part = [...PARTS].reverse().find((candidate) => t >= candidate.start) ?? PARTS[0];
    const intoPart = t - part.start;
    const phrase = intoPart > 0.5 && intoPart % 2 < 1.3 ? Math.sin((Math.PI * (intoPart % 2)) / 1.3) : 0;
    noise = (noise * 16807) % 2147483647;
    samples[i] = 0.2 * phrase * Math.sin(2 * Math.PI * part.hz * t) + 0.0005 * (noise / 2147483647 - 0.5);
  }
  return samples;
}

/** Energy of `samples` at `hz` (Goertzel), in dB. */
function energyAt(samples: Float32Array, hz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / RATE);
  let s1 = 0;
  let s2 = 0;
  for (const value of samples) {
    const s0 = value + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return 10 * Math.log10(s1 * s1 + s2 * s2 - coefficient * s1 * s2);
}

describe('importRecording', () => {
  let dir: string;
  let recording: string;
  let cues: string;
  let manifest: AudioManifest;
  let settings: RenderSettings;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'audio-recording-'));
    recording = path.join(dir, 'teacher.m4a');
    const samples = recordingSamples();
    await runFfmpeg(['-f', 'f32le', '-ar', String(RATE), '-ac', '1', '-i', 'pipe:0', '-c:a', 'aac', '-b:a', '128k', '-y', recording], {
      input: Buffer.from(samples.buffer),
    });
    cues = path.join(dir, 'cues.txt');
    await writeFile(cues, '# generated take\narrival 0\nrest-one 0:06\nrest-bedtime 0:13.5   # bedtime ending\nend 0:00:20\n');
    // The bed from a file the user supplies (a stand-in for a CC0 forest recording): five seconds, looped.
    const bedFile = path.join(dir, 'cc0-forest.wav');
    await runFfmpeg(['-f', 'lavfi', '-i', 'anoisesrc=c=pink:r=44100:a=0.3:seed=7:d=5,lowpass=f=2000', '-y', bedFile]);
    const bed = { ...DEFAULT_RENDER_SETTINGS.ambience, source: 'file' as const, file: { path: bedFile, sha256: await sha256File(bedFile) } };
    settings = withShortSleepSounds({ ...DEFAULT_RENDER_SETTINGS, ambience: bed });
    const result = await importRecording(tinyPractice(), { recording, cueSheet: cues, outDir: path.join(dir, 'audio'), settings });
    expect(result.stats).toMatchObject({ segments: 3, files: 6, rendered: 6, cached: 0 });
    expect(result.skippedVariants).toEqual([]);
    manifest = JSON.parse(await readFile(path.join(dir, 'audio', 'manifest.json'), 'utf8')) as AudioManifest;
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the same manifest as a synthesized render, naming the recording as the source', () => {
    expect(manifest.engine).toMatch(/^recording:teacher\.m4a:[0-9a-f]{10}$/);
    expect(Object.keys(manifest.variants)).toEqual(['standard', 'bedtime', 'standard-plain', 'bedtime-plain']);
    expect(manifest.variants.bedtime).toEqual(['arrival', 'rest-bedtime']);
    expect(manifest.segments.map((entry) => [entry.segmentId, entry.ambience])).toEqual(
      IDS.flatMap((id) => [
        [id, 'none'],
        [id, 'forest'],
      ]),
    );
  });

  it('cuts each segment at its cue times, on the loudness targets, with its own part of the recording', async () => {
    for (const entry of manifest.segments) {
      const index = IDS.indexOf(entry.segmentId);
      const expectedMs = (PARTS[index + 1].start - PARTS[index].start) * 1000;
      const file = path.join(dir, 'audio', entry.file);
      expect(Math.abs(entry.durationMs - expectedMs)).toBeLessThanOrEqual(30);
      expect(Math.abs((await ffmpegClockMs(file)) - expectedMs)).toBeLessThanOrEqual(60);
      const measured = await ebur128(file);
      expect(Math.abs(measured.lufs + 14)).toBeLessThanOrEqual(0.5);
      expect(measured.truePeak).toBeLessThanOrEqual(-2);
      // Between two phrases (1.4 to 1.9 s into a part) only the room, and in the bed mix the bed, is heard.
      const gap = rmsDb(await decodeSliceFloat32(file, 1.45, 1.85, RATE));
      if (entry.ambience === 'forest') {
        expect(entry.bedBelowSpeechLu).toBe(20);
        expect(gap).toBeGreaterThan(-50);
        continue;
      }
      expect(gap).toBeLessThan(-55);
      const decoded = await decodeSliceFloat32(file, 0, 60, RATE);
      const own = energyAt(decoded, PARTS[index].hz);
      for (const other of PARTS.filter((_, i) => i !== index)) expect(own - energyAt(decoded, other.hz)).toBeGreaterThan(20);
    }
  });

  it('imports nothing again on a second run', async () => {
    const again = await importRecording(tinyPractice(), { recording, cueSheet: cues, outDir: path.join(dir, 'audio'), settings });
    expect(again.stats).toMatchObject({ rendered: 0, cached: 6 });
  });

  it('delivers only the variants the cue sheet covers, and needs every standard segment', async () => {
    const partial = path.join(dir, 'partial.txt');
    await writeFile(partial, 'arrival 0\nrest-one 6\nend 13.5\n');
    const result = await importRecording(tinyPractice(), {
      recording,
      cueSheet: partial,
      outDir: path.join(dir, 'partial'),
      settings: withShortSleepSounds(),
    });
    expect(result.skippedVariants).toEqual(['bedtime', 'bedtime-plain']);
    expect(Object.keys(result.manifest?.variants ?? {})).toEqual(['standard', 'standard-plain']);

    await writeFile(partial, 'arrival 0\nrest-bedtime 13.5\n');
    await expect(importRecording(tinyPractice(), { recording, cueSheet: partial, outDir: path.join(dir, 'x') })).rejects.toThrow(
      /the standard variant needs segments it does not list: rest-one/,
    );
    await writeFile(partial, 'arrival 0\nrest-one 6\nend 30\n');
    await expect(importRecording(tinyPractice(), { recording, cueSheet: partial, outDir: path.join(dir, 'x') })).rejects.toThrow(
      /segment "rest-one" ends at 30 s, after the recording's end \(22\.\d+ s\)/,
    );
  });
});
