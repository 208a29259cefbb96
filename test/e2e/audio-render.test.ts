/**
 * The audio renderer end to end, with the real flite (WASI) and the real ffmpeg: a tiny practice
 * with a bedtime variant, rendered with and without the forest bed into a temp dir, checked by
 * independent measurements (ffmpeg's clock and ebur128, silencedetect, MP3 frame headers, a fresh
 * sha256), then re-run for caching and after an edit.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCatalog, segmentFile } from '../../lambda/playback/catalog';
import type { Segment } from '../../models/practice-types';
import { decodeMonoPcm } from '../../tools/audio/ffmpeg';
import type { AudioManifest } from '../../tools/audio/manifest-types';
import {
  DEFAULT_RENDER_SETTINGS,
  RENDERED_FILE_PATTERN,
  renderedFileName,
  renderKey,
  sleepSoundsFileName,
  type RenderSettings,
} from '../../tools/audio/render-key';
import { renderPractice, type RenderPracticeResult } from '../../tools/audio/render-practice';
import {
  arrival,
  detectSilences,
  ebur128,
  ffmpegClockMs,
  peakOf,
  readMp3Frames,
  rest,
  restBedtime,
  rmsDb,
  tinyPractice,
  withShortSleepSounds,
} from '../support/audio-files';

const settings = withShortSleepSounds(DEFAULT_RENDER_SETTINGS);
const silenceSec = (segment: Segment): number => segment.leadInSec + segment.cues.reduce((sum, cue) => sum + cue.pauseSec, 0);
const wordsOf = (segment: Segment): number => segment.cues.reduce((sum, cue) => sum + cue.say.split(/\s+/).length, 0);

async function readManifest(dir: string): Promise<AudioManifest> {
  return JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as AudioManifest;
}

describe('renderKey', () => {
  const withCue = (index: number, change: Partial<Segment['cues'][number]>): Segment => ({
    ...rest,
    cues: rest.cues.map((cue, i) => (i === index ? { ...cue, ...change } : cue)),
  });
  const withVoice = (change: Partial<RenderSettings['voice']>): RenderSettings => ({ ...settings, voice: { ...settings.voice, ...change } });
  const withBed = (change: Partial<RenderSettings['ambience']>): RenderSettings => ({ ...settings, ambience: { ...settings.ambience, ...change } });

  it('is ten hex digits, stable, independent of key order, and different per ambience mix', () => {
    const key = renderKey(rest, settings);
    expect(key).toMatch(/^[0-9a-f]{10}$/);
    expect(renderKey(rest, settings, 'forest')).toBe(key);
    const reordered: Segment = {
      cues: rest.cues.map((cue) => ({ pauseSec: cue.pauseSec, say: cue.say })),
      leadInSec: rest.leadInSec,
      title: rest.title,
      sectionId: rest.sectionId,
      id: rest.id,
    };
    const reorderedSettings: RenderSettings = {
      sleepSounds: { ...settings.sleepSounds },
      encoder: { ...settings.encoder },
      ambience: { ...settings.ambience },
      loudness: { ...settings.loudness },
      processing: { ...settings.processing },
      voice: { options: { ...settings.voice.options }, voice: settings.voice.voice, engine: settings.voice.engine },
    };
    expect(renderKey(reordered, reorderedSettings)).toBe(key);
    expect(renderKey(rest, settings, 'none')).not.toBe(key);
    expect(renderedFileName(rest, settings)).toBe(`rest-one.${key}.mp3`);
  });

  it('changes with the spoken text, a pause, the lead-in and the cue order', () => {
    const key = renderKey(rest, settings);
    const changed = [
      withCue(1, { say: 'There is nothing at all to do now.' }),
      withCue(1, { pauseSec: 1.5 }),
      { ...rest, leadInSec: 2.5 },
      { ...rest, cues: [...rest.cues].reverse() },
    ];
    const keys = changed.map((segment) => renderKey(segment, settings));
    for (const other of keys) expect(other).not.toBe(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('changes with voice, loudness and encoder settings in both mixes', () => {
    const changed: RenderSettings[] = [
      withVoice({ voice: 'awb' }),
      withVoice({ options: { duration_stretch: 1.5 } }),
      withVoice({ engine: 'polly' }),
      { ...settings, encoder: { ...settings.encoder, bitrateKbps: 96 } },
      { ...settings, loudness: { ...settings.loudness, targetLufs: -16 } },
    ];
    for (const mix of ['forest', 'none'] as const) {
      for (const other of changed) expect(renderKey(rest, other, mix)).not.toBe(renderKey(rest, settings, mix));
    }
  });

  it('ties only the forest files to the bed: its level, fades and the slow fade-out', () => {
    for (const other of [withBed({ belowSpeechLu: 22 }), withBed({ edgeFadeSec: 2 })]) {
      expect(renderKey(rest, other, 'forest')).not.toBe(renderKey(rest, settings, 'forest'));
      expect(renderKey(rest, other, 'none')).toBe(renderKey(rest, settings, 'none'));
    }
    const fading = { ...rest, ambienceFadeOutSec: 3 };
    expect(renderKey(fading, settings, 'forest')).not.toBe(renderKey(rest, settings, 'forest'));
    expect(renderKey(fading, settings, 'none')).toBe(renderKey(rest, settings, 'none'));
  });

  it('ignores what is not rendered: id, title, section and whitespace runs in the text', () => {
    const key = renderKey(rest, settings);
    expect(renderKey({ ...rest, id: 'other', title: 'another title', sectionId: 'return' }, settings)).toBe(key);
    expect(renderKey(withCue(0, { say: '  Rest here,\n heavy   and warm. ' }), settings)).toBe(key);
  });
});

describe('renderPractice with flite and ffmpeg', () => {
  let outDir: string;
  let first: RenderPracticeResult;
  const segments = [arrival, rest, restBedtime];
  const fileOf = (segment: Segment, mix: 'forest' | 'none'): string => renderedFileName(segment, settings, mix);

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'audio-render-test-'));
    first = await renderPractice(tinyPractice(), { outDir, settings });
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('renders each segment once per mix, named <id>.<hash10>.mp3 by its render key', async () => {
    expect(first.stats).toMatchObject({ segments: 3, files: 6, rendered: 6, cached: 0 });
    const expected = segments.flatMap((segment) => [fileOf(segment, 'none'), fileOf(segment, 'forest')]);
    expect(first.files.map((entry) => entry.file)).toEqual(expected);
    for (const file of expected) expect(RENDERED_FILE_PATTERN.test(file)).toBe(true);
    // With the forest mix come the sleep sounds, named by their own key.
    const sleep = [sleepSoundsFileName(settings, 'rise'), sleepSoundsFileName(settings, 'loop'), sleepSoundsFileName(settings, 'fade')];
    expect(first.sleepSounds.map((entry) => entry.file)).toEqual(sleep);
    expect((await readdir(outDir)).sort()).toEqual([...expected, ...sleep, 'manifest.json'].sort());
  });

  it('lists each variant with its segment order and files, sharing the segments they have in common', async () => {
    const manifest = await readManifest(outDir);
    expect(manifest).toMatchObject({
      practiceId: 'tiny-practice',
      version: 2,
      defaultVariant: 'standard',
      engine: 'flite:slt:duration_stretch=1.42',
    });
    expect(manifest.variants).toEqual({
      standard: ['arrival', 'rest-one'],
      bedtime: ['arrival', 'rest-bedtime'],
      'standard-plain': ['arrival', 'rest-one'],
      'bedtime-plain': ['arrival', 'rest-bedtime'],
    });
    expect(manifest.variantFiles).toEqual({
      standard: [fileOf(arrival, 'forest'), fileOf(rest, 'forest')],
      bedtime: [fileOf(arrival, 'forest'), fileOf(restBedtime, 'forest')],
      'standard-plain': [fileOf(arrival, 'none'), fileOf(rest, 'none')],
      'bedtime-plain': [fileOf(arrival, 'none'), fileOf(restBedtime, 'none')],
    });
    const arrivalForest = manifest.segments.find((entry) => entry.file === fileOf(arrival, 'forest'));
    expect(arrivalForest).toMatchObject({ segmentId: 'arrival', sectionId: 'arrival', ambience: 'forest', variants: ['standard', 'bedtime'] });
    expect(manifest.variantInfo.bedtime).toMatchObject({ content: 'bedtime', ambience: 'forest' });
    // The skill's catalog reads it as it is: each variant streams its own files.
    const catalog = buildCatalog(tinyPractice(), manifest);
    expect(segmentFile(catalog, 'bedtime-plain', 'rest-bedtime')).toBe(fileOf(restBedtime, 'none'));
    expect(segmentFile(catalog, 'standard', 'arrival')).toBe(fileOf(arrival, 'forest'));
  });

  it('records measured figures that ffmpeg confirms, every file on -14 LUFS and under -2 dBTP', async () => {
    const manifest = await readManifest(outDir);
    for (const entry of manifest.segments) {
      const file = path.join(outDir, entry.file);
      const bytes = await readFile(file);
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(entry.bytes).toBe(bytes.length);
      expect(Math.abs(entry.durationMs - (await ffmpegClockMs(file)))).toBeLessThanOrEqual(60);
      const measured = await ebur128(file);
      expect(measured.lufs).toBeCloseTo(entry.integratedLufs, 1);
      expect(measured.truePeak).toBeCloseTo(entry.truePeakDbtp, 1);
      expect(Math.abs(measured.lufs + 14)).toBeLessThanOrEqual(0.5);
      expect(measured.truePeak).toBeLessThanOrEqual(-2);
      expect(entry).toMatchObject({ bitrateKbps: 64, sampleRate: 44100, channels: 1 });
    }
  });

  it('keeps the pauses truly silent in the plain files and paced as written', async () => {
    for (const segment of segments) {
      const file = path.join(outDir, fileOf(segment, 'none'));
      const durationMs = (await ffmpegClockMs(file)) as number;
      const silentMs = silenceSec(segment) * 1000;
      const speechMs = durationMs - silentMs;
      expect(speechMs).toBeGreaterThan((wordsOf(segment) / 200) * 60000);
      expect(speechMs).toBeLessThan((wordsOf(segment) / 80) * 60000);
      // silencedetect finds the lead-in and every pause, each at least as long as written and at
      // most a little longer (the synthesizer's own short margins around the speech).
      const silences = await detectSilences(file);
      const written = [segment.leadInSec, ...segment.cues.map((cue) => cue.pauseSec)];
      expect(silences).toHaveLength(written.length);
      silences.forEach((silence, i) => {
        expect(silence.end - silence.start).toBeGreaterThanOrEqual(written[i] - 0.03);
        expect(silence.end - silence.start).toBeLessThan(written[i] + 0.6);
      });
      // Inside the longest pause the decoded MP3 is (near) digital zero; the speech is not.
      const longest = silences.slice(1).reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
      const pause = await decodeMonoPcm(file, { startSec: longest.start + 0.3, durationSec: longest.end - longest.start - 0.6 });
      expect(peakOf(pause)).toBeLessThanOrEqual(8);
      const speech = await decodeMonoPcm(file, { startSec: silences[0].end, durationSec: silences[1].start - silences[0].end });
      expect(peakOf(speech)).toBeGreaterThan(3000);
    }
  });

  it('lays the bed under the pauses about twenty LU below the speech, faded to silence at both edges', async () => {
    for (const segment of [arrival, rest]) {
      const plain = path.join(outDir, fileOf(segment, 'none'));
      const forest = path.join(outDir, fileOf(segment, 'forest'));
      expect(await ffmpegClockMs(forest)).toBe(await ffmpegClockMs(plain));
      const silences = await detectSilences(plain);
      const longest = silences.slice(1).reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
      const window = { startSec: longest.start + 0.3, durationSec: longest.end - longest.start - 0.6 };
      const bed = rmsDb(await decodeMonoPcm(forest, window));
      const speech = rmsDb(await decodeMonoPcm(plain, { startSec: silences[0].end, durationSec: silences[1].start - silences[0].end }));
      expect(speech - bed).toBeGreaterThan(15);
      expect(speech - bed).toBeLessThan(32);
      // Every edge: the same fade, reaching (near) digital zero, so any join is click-free.
      const head = await decodeMonoPcm(forest, { startSec: 0, durationSec: 0.02 });
      const durationSec = (await ffmpegClockMs(forest)) / 1000;
      const tail = await decodeMonoPcm(forest, { startSec: durationSec - 0.03, durationSec: 0.02 });
      expect(peakOf(head)).toBeLessThanOrEqual(16);
      expect(peakOf(tail)).toBeLessThanOrEqual(16);
    }
  });

  it('fades the bed out slowly at the end of the bedtime segment', async () => {
    const forest = path.join(outDir, fileOf(restBedtime, 'forest'));
    const durationSec = (await ffmpegClockMs(forest)) / 1000;
    const beforeFade = rmsDb(await decodeMonoPcm(forest, { startSec: durationSec - 4.8, durationSec: 0.6 }));
    const lateFade = rmsDb(await decodeMonoPcm(forest, { startSec: durationSec - 1.2, durationSec: 0.6 }));
    expect(beforeFade - lateFade).toBeGreaterThan(20);
  });

  it('encodes MP3, 44.1 kHz mono, 64 kbps constant bit rate', async () => {
    for (const entry of first.files) {
      const frames = readMp3Frames(await readFile(path.join(outDir, entry.file)));
      expect(frames.count).toBeGreaterThan(entry.durationMs / 26.2); // 1152 samples a frame
      expect([...frames.bitratesKbps]).toEqual([64]);
      expect([...frames.sampleRates]).toEqual([44100]);
      expect(frames.mono).toBe(true);
      expect((entry.bytes * 8) / entry.durationMs).toBeCloseTo(64, 0);
    }
  });

  it('re-renders nothing on a second run and lists the same files and figures', async () => {
    const before = await readManifest(outDir);
    const second = await renderPractice(tinyPractice(), { outDir, settings });
    expect(second.stats).toMatchObject({ segments: 3, files: 6, rendered: 0, cached: 6, removedFiles: [] });
    expect(second.stats.realtimeFactor).toBeUndefined();
    const after = await readManifest(outDir);
    expect(after.segments).toEqual(before.segments);
    expect(after.variantFiles).toEqual(before.variantFiles);
  });

  it('renders only the files of the segment whose cue changed, and removes the files they replace', async () => {
    const stale = 'retired-segment.0123456789.mp3';
    await writeFile(path.join(outDir, stale), 'old audio');
    await writeFile(path.join(outDir, 'notes.mp3'), 'not a rendered file name');
    const edited: Segment = { ...rest, cues: rest.cues.map((cue, i) => (i === 1 ? { ...cue, say: 'Nothing to do.' } : cue)) };
    const third = await renderPractice(tinyPractice({ rest: edited }), { outDir, settings });

    expect(third.stats).toMatchObject({ rendered: 2, cached: 4 });
    const rendered = third.files.filter((entry) => entry.outcome === 'rendered').map((entry) => entry.file);
    expect(rendered).toEqual([fileOf(edited, 'none'), fileOf(edited, 'forest')]);
    expect(third.stats.removedFiles).toEqual([fileOf(rest, 'none'), fileOf(rest, 'forest'), stale].sort());
    expect(existsSync(path.join(outDir, fileOf(rest, 'forest')))).toBe(false);
    expect(existsSync(path.join(outDir, 'notes.mp3'))).toBe(true);
    expect((await readManifest(outDir)).variantFiles.standard).toEqual([fileOf(arrival, 'forest'), fileOf(edited, 'forest')]);
  });

  it('with `only`, renders just those segments, byte for byte as before, and writes no partial manifest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audio-render-only-'));
    try {
      const result = await renderPractice(tinyPractice(), { outDir: dir, only: ['rest-one'], mixes: [{ ambience: 'none', suffix: '' }] });
      expect(result.stats).toMatchObject({ rendered: 1, cached: 0 });
      expect(result.missing).toEqual(['arrival', 'rest-bedtime']);
      expect(result.manifest).toBeUndefined();
      expect(await readdir(dir)).toEqual([fileOf(rest, 'none')]);
      // Same inputs, same bytes: a content-hash name can be cached forever.
      expect(result.files[0].sha256).toBe(first.files.find((entry) => entry.file === fileOf(rest, 'none'))?.sha256);
      await expect(renderPractice(tinyPractice(), { outDir: dir, only: ['nope'] })).rejects.toThrow(/unknown segment id\(s\): nope/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
