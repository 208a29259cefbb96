/**
 * The audio renderer end to end, with the real flite (WASI) and the real ffmpeg: a tiny practice
 * rendered into a temp dir, checked by independent measurements (ffmpeg's own clock, silencedetect,
 * MP3 frame headers, a fresh sha256), then re-run for caching and after an edit.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Practice, Segment } from '../models/practice-types';
import { decodeMonoPcm, runFfmpeg } from '../tools/audio/ffmpeg';
import type { AudioManifest } from '../tools/audio/manifest-types';
import {
  DEFAULT_RENDER_SETTINGS,
  RENDERED_FILE_PATTERN,
  renderedFileName,
  renderKey,
  type RenderSettings,
} from '../tools/audio/render-key';
import { renderPractice, type RenderPracticeResult } from '../tools/audio/render-practice';

const arrival: Segment = {
  id: 'arrival',
  sectionId: 'arrival',
  title: 'arriving',
  leadInSec: 1.5,
  cues: [
    { say: 'Welcome. Lie down and make yourself comfortable.', pauseSec: 2 },
    { say: 'Let the breath slow down by itself.', pauseSec: 1.5 },
  ],
};

const rest: Segment = {
  id: 'rest-one',
  sectionId: 'rest',
  title: 'resting',
  leadInSec: 1,
  cues: [
    { say: 'Rest here, heavy and warm.', pauseSec: 3 },
    { say: 'There is nothing to do now.', pauseSec: 1 },
    { say: 'Simply listen.', pauseSec: 1 },
  ],
};

function practiceOf(...segments: Segment[]): Practice {
  return {
    id: 'tiny-practice',
    title: 'Tiny practice',
    sections: segments.map((segment) => ({ id: segment.sectionId, title: segment.title, segments: [segment] })),
  };
}

const tiny = practiceOf(arrival, rest);
const silenceSec = (segment: Segment): number => segment.leadInSec + segment.cues.reduce((sum, cue) => sum + cue.pauseSec, 0);
const wordsOf = (segment: Segment): number => segment.cues.reduce((sum, cue) => sum + cue.say.split(/\s+/).length, 0);

/** Duration by ffmpeg's own clock: the last `time=` of a decode to the null muxer. */
async function ffmpegClockMs(file: string): Promise<number> {
  const stderr = await runFfmpeg(['-i', file, '-f', 'null', '-']);
  const times = [...stderr.matchAll(/time=(\d+):(\d+):(\d+(?:\.\d+)?)/g)];
  const [, h, m, s] = times[times.length - 1];
  return (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
}

interface Silence {
  start: number;
  end: number;
}

/** Silent intervals (below -50 dBFS for at least 0.5 s), by ffmpeg's silencedetect. */
async function detectSilences(file: string): Promise<Silence[]> {
  const stderr = await runFfmpeg(['-i', file, '-af', 'silencedetect=noise=-50dB:d=0.5', '-f', 'null', '-']);
  const starts = [...stderr.matchAll(/silence_start: (-?[\d.]+)/g)].map((match) => Number(match[1]));
  const ends = [...stderr.matchAll(/silence_end: ([\d.]+)/g)].map((match) => Number(match[1]));
  return starts.map((start, index) => ({ start: Math.max(0, start), end: ends[index] }));
}

interface Mp3Frames {
  count: number;
  bitratesKbps: Set<number>;
  sampleRates: Set<number>;
  mono: boolean;
}

/** Walks the MPEG-1 Layer III frame headers of a file (after an optional ID3v2 tag). */
function readMp3Frames(bytes: Buffer): Mp3Frames {
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

function peakOf(samples: Int16Array): number {
  return samples.reduce((peak, value) => Math.max(peak, Math.abs(value)), 0);
}

async function readManifest(dir: string): Promise<AudioManifest> {
  return JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as AudioManifest;
}

describe('renderKey', () => {
  const settings = DEFAULT_RENDER_SETTINGS;
  const withCue = (index: number, change: Partial<Segment['cues'][number]>): Segment => ({
    ...rest,
    cues: rest.cues.map((cue, i) => (i === index ? { ...cue, ...change } : cue)),
  });
  const withVoice = (change: Partial<RenderSettings['voice']>): RenderSettings => ({
    ...settings,
    voice: { ...settings.voice, ...change },
  });

  it('is ten hex digits, stable across calls and independent of key order', () => {
    const key = renderKey(rest, settings);
    expect(key).toMatch(/^[0-9a-f]{10}$/);
    expect(renderKey(rest, settings)).toBe(key);
    const reordered: Segment = {
      cues: rest.cues.map((cue) => ({ pauseSec: cue.pauseSec, say: cue.say })),
      leadInSec: rest.leadInSec,
      title: rest.title,
      sectionId: rest.sectionId,
      id: rest.id,
    };
    const reorderedSettings: RenderSettings = {
      encoder: { ...settings.encoder },
      processing: { ...settings.processing },
      voice: { options: { ...settings.voice.options }, voice: settings.voice.voice, engine: settings.voice.engine },
    };
    expect(renderKey(reordered, reorderedSettings)).toBe(key);
    expect(renderedFileName(rest, settings)).toBe(`rest-one.${key}.mp3`);
  });

  it('changes with the spoken text, a pause, the lead-in and the cue order', () => {
    const key = renderKey(rest, settings);
    const variants = [
      withCue(1, { say: 'There is nothing at all to do now.' }),
      withCue(1, { pauseSec: 1.5 }),
      { ...rest, leadInSec: 2 },
      { ...rest, cues: [...rest.cues].reverse() },
    ];
    const keys = variants.map((segment) => renderKey(segment, settings));
    for (const other of keys) expect(other).not.toBe(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('changes with voice, engine options and encoder settings', () => {
    const key = renderKey(rest, settings);
    const variants: RenderSettings[] = [
      withVoice({ voice: 'awb' }),
      withVoice({ options: { duration_stretch: 1.5 } }),
      withVoice({ engine: 'polly' }),
      { ...settings, encoder: { ...settings.encoder, bitrateKbps: 96 } },
      { ...settings, processing: { ...settings.processing, speechRmsTargetDbfs: -20 } },
    ];
    for (const variant of variants) expect(renderKey(rest, variant)).not.toBe(key);
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

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'audio-render-test-'));
    first = await renderPractice(tiny, { outDir });
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('writes one <id>.<hash10>.mp3 per segment, named by its render key', async () => {
    expect(first.stats).toMatchObject({ segments: 2, rendered: 2, cached: 0 });
    const expected = [arrival, rest].map((segment) => renderedFileName(segment, DEFAULT_RENDER_SETTINGS));
    expect(first.segments.map((entry) => entry.file)).toEqual(expected);
    for (const [index, segment] of [arrival, rest].entries()) {
      const file = expected[index];
      expect(file.startsWith(`${segment.id}.`)).toBe(true);
      expect(RENDERED_FILE_PATTERN.exec(file)?.slice(1)).toEqual([segment.id, renderKey(segment, DEFAULT_RENDER_SETTINGS)]);
      expect((await stat(path.join(outDir, file))).size).toBeGreaterThan(0);
    }
    expect((await readdir(outDir)).sort()).toEqual([...expected, 'manifest.json'].sort());
  });

  it('writes a manifest in practice order with real hashes, sizes and durations', async () => {
    const manifest = await readManifest(outDir);
    expect(manifest).toMatchObject({
      practiceId: 'tiny-practice',
      version: 1,
      engine: 'flite:slt:duration_stretch=1.42',
      variants: { standard: ['arrival', 'rest-one'] },
    });
    expect(Number.isNaN(Date.parse(manifest.generatedAt))).toBe(false);
    expect(manifest.segments.map((entry) => [entry.segmentId, entry.sectionId])).toEqual([
      ['arrival', 'arrival'],
      ['rest-one', 'rest'],
    ]);
    for (const entry of manifest.segments) {
      const bytes = await readFile(path.join(outDir, entry.file));
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(entry.bytes).toBe(bytes.length);
      expect(Math.abs(entry.durationMs - (await ffmpegClockMs(path.join(outDir, entry.file))))).toBeLessThanOrEqual(60);
    }
  });

  it('lasts the lead-in and pauses plus the speech, with the pauses really silent', async () => {
    const manifest = await readManifest(outDir);
    for (const [index, segment] of [arrival, rest].entries()) {
      const entry = manifest.segments[index];
      const file = path.join(outDir, entry.file);
      const silentMs = silenceSec(segment) * 1000;
      expect(entry.durationMs).toBeGreaterThanOrEqual(silentMs);
      // Speech between 80 and 200 words a minute (flite margins included): roughly silence + speech.
      const speechMs = entry.durationMs - silentMs;
      expect(speechMs).toBeGreaterThan((wordsOf(segment) / 200) * 60000);
      expect(speechMs).toBeLessThan((wordsOf(segment) / 80) * 60000);

      // silencedetect finds the lead-in and every pause, each at least as long as written and
      // at most a little longer (the synthesizer's own short margins around the speech).
      const silences = await detectSilences(file);
      const written = [segment.leadInSec, ...segment.cues.map((cue) => cue.pauseSec)];
      expect(silences).toHaveLength(written.length);
      silences.forEach((silence, i) => {
        expect(silence.end - silence.start).toBeGreaterThanOrEqual(written[i] - 0.03);
        expect(silence.end - silence.start).toBeLessThan(written[i] + 0.6);
      });
      expect(silences[0].start).toBe(0);
      expect(silences[silences.length - 1].end * 1000).toBeCloseTo(entry.durationMs, -2);

      // Inside the lead-in and inside the longest pause the decoded MP3 is (near) digital zero;
      // the speech between them is not.
      const leadIn = await decodeMonoPcm(file, { startSec: 0.05, durationSec: segment.leadInSec - 0.15 });
      expect(leadIn.length).toBeGreaterThan(0.5 * 44100);
      expect(peakOf(leadIn)).toBeLessThanOrEqual(8);
      const longest = silences.slice(1).reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
      const pause = await decodeMonoPcm(file, { startSec: longest.start + 0.3, durationSec: longest.end - longest.start - 0.6 });
      expect(peakOf(pause)).toBeLessThanOrEqual(8);
      const speech = await decodeMonoPcm(file, { startSec: silences[0].end, durationSec: silences[1].start - silences[0].end });
      expect(peakOf(speech)).toBeGreaterThan(3000);
      expect(peakOf(speech)).toBeLessThan(32767); // levelled below full scale: no clipping
    }
  });

  it('encodes MP3, 44.1 kHz mono, 64 kbps constant bit rate', async () => {
    for (const entry of first.segments) {
      const file = path.join(outDir, entry.file);
      const stderr = await runFfmpeg(['-i', file, '-f', 'null', '-']);
      expect(stderr).toMatch(/Audio: mp3, 44100 Hz, mono, \w+, 64 kb\/s/);
      const frames = readMp3Frames(await readFile(file));
      expect(frames.count).toBeGreaterThan(entry.durationMs / 26.2); // 1152 samples a frame
      expect([...frames.bitratesKbps]).toEqual([64]);
      expect([...frames.sampleRates]).toEqual([44100]);
      expect(frames.mono).toBe(true);
      expect((entry.bytes * 8) / entry.durationMs).toBeCloseTo(64, 0);
    }
  });

  it('re-renders nothing on a second run and lists the same segments', async () => {
    const before = await readManifest(outDir);
    const second = await renderPractice(tiny, { outDir });
    expect(second.stats).toMatchObject({ segments: 2, rendered: 0, cached: 2, removedFiles: [] });
    expect(second.stats.realtimeFactor).toBeUndefined();
    const after = await readManifest(outDir);
    expect(after.segments).toEqual(before.segments);
    expect(after.variants).toEqual(before.variants);
  });

  it('renders only the segment whose cue changed, and removes the file it replaces', async () => {
    const stale = 'retired-segment.0123456789.mp3';
    await writeFile(path.join(outDir, stale), 'old audio');
    await writeFile(path.join(outDir, 'notes.mp3'), 'not a rendered file name');
    const edited: Segment = { ...rest, cues: rest.cues.map((cue, i) => (i === 1 ? { ...cue, say: 'Nothing to do.' } : cue)) };
    const third = await renderPractice(practiceOf(arrival, edited), { outDir });

    expect(third.stats).toMatchObject({ rendered: 1, cached: 1 });
    const [oldArrival, oldRest] = first.segments;
    const [newArrival, newRest] = third.segments;
    expect(newArrival.file).toBe(oldArrival.file);
    expect(newArrival.sha256).toBe(oldArrival.sha256);
    expect(newRest.file).not.toBe(oldRest.file);
    expect(newRest.file).toBe(renderedFileName(edited, DEFAULT_RENDER_SETTINGS));
    expect(third.stats.removedFiles).toEqual([oldRest.file, stale].sort());
    expect(existsSync(path.join(outDir, oldRest.file))).toBe(false);
    expect(existsSync(path.join(outDir, 'notes.mp3'))).toBe(true);
    expect((await readManifest(outDir)).segments.map((entry) => entry.file)).toEqual([oldArrival.file, newRest.file]);
  });

  it('with `only`, renders just those segments and writes no partial manifest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audio-render-only-'));
    try {
      const result = await renderPractice(tiny, { outDir: dir, only: ['rest-one'] });
      expect(result.stats).toMatchObject({ rendered: 1, cached: 0 });
      expect(result.missing).toEqual(['arrival']);
      expect(result.manifest).toBeUndefined();
      expect(await readdir(dir)).toEqual([renderedFileName(rest, DEFAULT_RENDER_SETTINGS)]);
      await expect(renderPractice(tiny, { outDir: dir, only: ['nope'] })).rejects.toThrow(/unknown segment id\(s\): nope/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
