/**
 * The night, in memory: the voice's step-down (the model's ramp, each cue levelled to its step),
 * the sleep-sounds loop's wrap and fade, the join figures on signals with a known join, the keys
 * and names, and what the catalog carries for the skill.
 */
import { buildCatalog } from '../../lambda/playback/catalog';
import { spineNidra } from '../../models/spine-nidra';
import { NIGHT_VOICE } from '../../models/spine-nidra-alternates';
import { allSegments } from '../../models/variants';
import { estimatedManifest } from '../../tools/estimated-manifest';
import { integratedLoudness } from '../../tools/audio/loudness';
import { analyzeJoin, joinProblems } from '../../tools/audio/loop-join';
import { prosodyRate } from '../../tools/audio/polly';
import { DEFAULT_RENDER_SETTINGS, renderKey, sleepSoundsFileName, type RenderSettings } from '../../tools/audio/render-key';
import { fadeOut, riseIn, wrapLoop } from '../../tools/audio/sleep-sounds';
import { softenVoice, softeningAt } from '../../tools/audio/soften';

const RATE = 44100;
const settings = DEFAULT_RENDER_SETTINGS;

/** Deterministic noise, low-passed a little like the forest bed (a one-pole filter). */
function noise(length: number, seed: number, amplitude = 0.1): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(length);
  let y = 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    y += 0.2 * ((state / 4294967296) * 2 - 1 - y);
    out[i] = y * amplitude * 4;
  }
  return out;
}

describe('the voice that softens', () => {
  const segment = (id: string) => allSegments(spineNidra).find((each) => each.id === id);

  it('steps down through the rest, the longer rest and the bedtime ending, and nowhere else', () => {
    expect(segment('rest')?.softening).toEqual(NIGHT_VOICE.rest);
    expect(segment('rest-longer')?.softening).toEqual(NIGHT_VOICE.restLonger);
    expect(segment('return-bedtime')?.softening).toEqual(NIGHT_VOICE.bedtime);
    const softened = allSegments(spineNidra)
      .filter((each) => each.softening)
      .map((each) => each.id);
    expect(softened.sort()).toEqual(['rest', 'rest-longer', 'return-bedtime']);
    // Each step starts where the one before it in the bedtime and restful orders left off.
    expect(NIGHT_VOICE.restLonger.fromDb).toBe(NIGHT_VOICE.rest.toDb);
    expect(NIGHT_VOICE.bedtime.fromDb).toBe(NIGHT_VOICE.rest.toDb);
    expect(NIGHT_VOICE.bedtime.toDb).toBeLessThanOrEqual(-2);
    expect(NIGHT_VOICE.bedtime.toRate).toBeCloseTo(0.92, 2);
  });

  it('spreads the ramp evenly over the cues, ending on its last step', () => {
    const ramp = { fromDb: 0, toDb: -2, fromRate: 1, toRate: 0.92 };
    expect(softeningAt(ramp, 0, 5)).toEqual({ gainDb: 0, rate: 1 });
    expect(softeningAt(ramp, 2, 5)).toEqual({ gainDb: -1, rate: 0.96 });
    expect(softeningAt(ramp, 4, 5).gainDb).toBe(-2);
    expect(softeningAt(ramp, 0, 1).gainDb).toBe(-2);
  });

  it('levels each cue to its step under the practice level, however loud it was spoken', () => {
    // Three "cues" at very different levels, with silence between them.
    const voice = new Float32Array(RATE * 9);
    const spans = [0, 1, 2].map((index) => ({ start: index * 3 * RATE, end: index * 3 * RATE + 2 * RATE }));
    spans.forEach((span, index) => voice.set(noise(span.end - span.start, index + 1, [0.02, 0.3, 0.08][index]), span.start));
    const softened = softenVoice(voice, spans, { fromDb: 0, toDb: -2, fromRate: 1, toRate: 0.9 }, RATE, -14);
    const levels = spans.map((span) => integratedLoudness(softened.samples.subarray(span.start, span.end), RATE));
    expect(levels[0]).toBeCloseTo(-14, 1);
    expect(levels[1]).toBeCloseTo(-15, 1);
    expect(levels[2]).toBeCloseTo(-16, 1);
    expect(softened.targetLufs).toBeCloseTo(integratedLoudness(softened.samples, RATE), 1);
    expect(softened.targetLufs).toBeLessThan(-14.5);
    expect(softened.lastCue).toEqual({ startMs: 6000, endMs: 8000, belowLu: 2 });
    // The silence stays silence.
    expect(Math.max(...softened.samples.subarray(2 * RATE, 3 * RATE).map(Math.abs))).toBe(0);
  });

  it('asks Polly for a slower prosody rate in proportion', () => {
    expect(prosodyRate('90%', 0.92)).toBe('83%');
    expect(prosodyRate('90%', 1)).toBe('90%');
    expect(() => prosodyRate('slow', 0.9)).toThrow(/percent/);
  });

  it('renders softened segments under new keys and leaves every other key as it was', () => {
    const rest = segment('rest');
    const arrival = segment('arrival');
    if (!rest || !arrival) throw new Error('model lacks rest or arrival');
    const { softening: _softening, ...unsoftened } = rest;
    expect(renderKey(rest, settings)).not.toBe(renderKey(unsoftened, settings));
    expect(renderKey({ ...rest, softening: { ...NIGHT_VOICE.rest, toRate: 0.9 } }, settings)).not.toBe(renderKey(rest, settings));
    // The key of an unsoftened segment has no softening in it: the same as before this feature.
    expect(renderKey({ ...arrival, softening: undefined }, settings)).toBe(renderKey(arrival, settings));
  });
});

describe('the sleep-sounds loop', () => {
  it('wraps: its end runs on into its own start, at an even level', () => {
    const seam = RATE;
    const raw = noise(RATE * 10 + seam, 7);
    const loop = wrapLoop(raw, seam);
    expect(loop).toHaveLength(RATE * 10);
    // The last sample leads into raw[seam - 1], whose successor raw[seam] is the loop's first.
    expect(Math.abs(loop[loop.length - 1] - raw[seam - 1])).toBeLessThan(0.01);
    expect(loop[0]).toBe(raw[seam]);
    const figures = analyzeJoin(loop.subarray(loop.length - 3 * RATE), loop.subarray(0, 3 * RATE), RATE);
    expect(joinProblems(figures)).toEqual([]);
    expect(Math.abs(figures.stepDb)).toBeLessThan(0.5);
    expect(() => wrapLoop(noise(100, 1), 80)).toThrow(/does not fit/);
  });

  it('fades out over the last stretch, evenly in decibels, and leaves the rest untouched', () => {
    const loop = noise(RATE * 10, 3);
    const faded = fadeOut(loop, RATE * 4);
    expect(faded.subarray(0, RATE * 6).every((sample, i) => sample === loop[i])).toBe(true);
    const level = (from: number) =>
      integratedLoudness(faded.subarray(from * RATE, (from + 1) * RATE), RATE) -
      integratedLoudness(loop.subarray(from * RATE, (from + 1) * RATE), RATE);
    expect(level(6)).toBeGreaterThan(-8);
    expect(level(7)).toBeLessThan(level(6) - 8);
    expect(Math.abs(faded[faded.length - 1])).toBeLessThanOrEqual(Math.abs(loop[loop.length - 1]) * 0.004);
  });

  it('rises over the first stretch, evenly in decibels from its depth, and leaves the rest (so its end, the join) untouched', () => {
    const loop = noise(RATE * 10, 5);
    const risen = riseIn(loop, RATE * 4, -60);
    expect(risen.subarray(RATE * 4).every((sample, i) => sample === loop[RATE * 4 + i])).toBe(true);
    const level = (from: number) =>
      integratedLoudness(risen.subarray(from * RATE, (from + 1) * RATE), RATE) -
      integratedLoudness(loop.subarray(from * RATE, (from + 1) * RATE), RATE);
    // Second by second: about -52, -37, -22 and -7 dB; each 15 dB over the one before.
    for (const second of [1, 2, 3]) expect(level(second) - level(second - 1)).toBeGreaterThan(12);
    expect(level(0)).toBeLessThan(-45);
    expect(level(3)).toBeGreaterThan(-10);
  });

  it('tells a seamless join from a gap, a level step and a click', () => {
    const signal = noise(RATE * 6, 11);
    const before = signal.slice(0, RATE * 3);
    const after = signal.slice(RATE * 3);
    expect(joinProblems(analyzeJoin(before, after, RATE))).toEqual([]);

    const gapped = before.slice();
    gapped.fill(0, gapped.length - Math.round(RATE * 0.03));
    expect(joinProblems(analyzeJoin(gapped, after, RATE)).join('\n')).toMatch(/dips .* \(a gap\)/);

    const quieter = after.map((sample) => sample * 0.5);
    expect(joinProblems(analyzeJoin(before, quieter, RATE)).join('\n')).toMatch(/level steps by -\d\.\d dB/);

    const clicked = after.slice();
    clicked[0] += 0.5;
    expect(joinProblems(analyzeJoin(before, clicked, RATE)).join('\n')).toMatch(/a click/);
  });

  it('is named sleep-sounds[-rise|-fade].<hash10>.mp3, keyed by what makes it', () => {
    const loop = sleepSoundsFileName(settings, 'loop');
    expect(loop).toMatch(/^sleep-sounds\.[0-9a-f]{10}\.mp3$/);
    expect(sleepSoundsFileName(settings, 'fade')).toMatch(/^sleep-sounds-fade\.[0-9a-f]{10}\.mp3$/);
    expect(sleepSoundsFileName(settings, 'rise')).toMatch(/^sleep-sounds-rise\.[0-9a-f]{10}\.mp3$/);
    const changed: RenderSettings[] = [
      { ...settings, sleepSounds: { ...settings.sleepSounds, loopSec: 300 } },
      { ...settings, sleepSounds: { ...settings.sleepSounds, targetLufs: -17 } },
      { ...settings, sleepSounds: { ...settings.sleepSounds, bitrateKbps: 48 } },
      { ...settings, sleepSounds: { ...settings.sleepSounds, riseSec: 120 } },
      { ...settings, ambience: { ...settings.ambience, source: 'file', file: { path: '/x.wav', sha256: 'ab' } } },
      { ...settings, loudness: { ...settings.loudness, maxTruePeakDbtp: -3 } },
    ];
    for (const other of changed) expect(sleepSoundsFileName(other, 'loop')).not.toBe(loop);
    // The loop has its own bit rate: the speech's does not change it, nor does the voice.
    expect(sleepSoundsFileName({ ...settings, encoder: { ...settings.encoder, bitrateKbps: 96 } }, 'loop')).toBe(loop);
    expect(sleepSoundsFileName({ ...settings, voice: { ...settings.voice, voice: 'awb' } }, 'loop')).toBe(loop);
  });
});

describe('the catalog the skill gets', () => {
  it('carries the rise, the loop and the fade, file and duration only, from the estimated manifest', () => {
    const catalog = buildCatalog(spineNidra, estimatedManifest());
    expect(catalog.sleepSounds).toEqual({
      rise: { file: 'sleep-sounds-rise.0123456789.mp3', durationMs: 600000 },
      loop: { file: 'sleep-sounds.0123456789.mp3', durationMs: 600000 },
      fade: { file: 'sleep-sounds-fade.0123456789.mp3', durationMs: 600000 },
    });
  });

  it('has none without a bed, and refuses half a chain or a name that is not a sleep-sounds stream', () => {
    const manifest = estimatedManifest();
    expect(buildCatalog(spineNidra, { ...manifest, sleepSounds: undefined }).sleepSounds).toBeUndefined();
    const [loop, fade] = (['loop', 'fade'] as const).map((role) => (manifest.sleepSounds ?? []).find((entry) => entry.role === role));
    if (!loop || !fade) throw new Error('the estimated manifest lists a loop and a fade');
    expect(() => buildCatalog(spineNidra, { ...manifest, sleepSounds: [loop] })).toThrow(/expected one fade, found 0/);
    expect(() => buildCatalog(spineNidra, { ...manifest, sleepSounds: [loop, { ...fade, file: '../rain.mp3' }] })).toThrow(
      /unexpected fade file name/,
    );
    expect(() => buildCatalog(spineNidra, { ...manifest, sleepSounds: [loop, { ...fade, durationMs: 0 }] })).toThrow(/no usable duration/);
  });
});
