import { spineNidra } from '../../models/spine-nidra';
import {
  firstItem,
  isPlayable,
  nextItem,
  nextPart,
  partOf,
  playOrder,
  PREVIOUS_RESTARTS_AFTER_MS,
  previousPart,
  startOfTarget,
  timeLeftMs,
} from '../../lambda/playback/plan';
import { decodeToken, encodeToken, newNonce, type PlaybackState } from '../../lambda/playback/token';
import type { Catalog } from '../../lambda/playback/catalog';
import { nextSleepItem } from '../../lambda/playback/sleep-sounds';
import { testCatalog } from '../support/catalog';

const catalog = testCatalog();
const standard = catalog.variants.standard;
const playable = (variant: string, segmentId: string) => isPlayable(catalog, variant, segmentId);
const state = (segmentId: string, extra: Partial<PlaybackState> = {}): PlaybackState => ({
  variant: 'standard',
  segmentId,
  nonce: 'abc12345',
  attempt: 0,
  clip: '',
  ...extra,
});

describe('play order', () => {
  it('follows the model: every segment of every section, spine rotation in four parts', () => {
    const fromModel = spineNidra.sections.flatMap((section) => section.segments.map((segment) => segment.id));
    expect(playOrder(catalog, 'standard', '')).toEqual(fromModel);
    expect(standard.filter((id) => id.startsWith('spine-rotation-'))).toEqual([
      'spine-rotation-cervical',
      'spine-rotation-thoracic',
      'spine-rotation-lumbar',
      'spine-rotation-column',
    ]);
  });

  it('places the personal clip right after both sankalpa segments when the listener has one', () => {
    const order = playOrder(catalog, 'standard', 'feedc0de');
    expect(order[order.indexOf('sankalpa') + 1]).toBe('sankalpa-personal');
    expect(order[order.indexOf('closing-sankalpa') + 1]).toBe('closing-sankalpa-personal');
    expect(order).toHaveLength(standard.length + 2);
  });

  it('walks item by item to the end, keeping the listening session and clearing a retry', () => {
    let current: PlaybackState | undefined = { ...firstItem(catalog, 'standard', 'abc12345', ''), attempt: 1 };
    const walked: string[] = [];
    while (current) {
      walked.push(current.segmentId);
      const next: PlaybackState | undefined = nextItem(catalog, current);
      if (next) {
        expect(next.nonce).toBe('abc12345');
        expect(next.attempt).toBe(0);
      }
      current = next;
    }
    expect(walked).toEqual([...standard]);
  });
});

describe('next, previous and skip', () => {
  it('next moves to the start of the following part and stops after the last', () => {
    expect(nextPart(catalog, 'standard', 'arrival')).toBe('tension-release');
    expect(nextPart(catalog, 'standard', 'spine-rotation-cervical')).toBe('spine-rotation-thoracic');
    expect(nextPart(catalog, 'standard', 'sankalpa-personal')).toBe('body-scan');
    expect(nextPart(catalog, 'standard', 'return')).toBeUndefined();
  });

  it('previous restarts the current part once into it, and goes back a part near its start', () => {
    expect(previousPart(catalog, 'standard', 'limbs', PREVIOUS_RESTARTS_AFTER_MS + 1)).toBe('limbs');
    expect(previousPart(catalog, 'standard', 'limbs', 3_000)).toBe('spine-rotation-column');
    expect(previousPart(catalog, 'standard', 'arrival', 0)).toBe('arrival');
    expect(previousPart(catalog, 'standard', 'sankalpa-personal', 0)).toBe('sankalpa');
  });

  it('skip lands on a section start or on one of the spine parts', () => {
    expect(startOfTarget(catalog, 'standard', 'body-scan')).toBe('body-scan');
    expect(startOfTarget(catalog, 'standard', 'spine-rotation')).toBe('spine-rotation-cervical');
    expect(startOfTarget(catalog, 'standard', 'spine-rotation-lumbar')).toBe('spine-rotation-lumbar');
    expect(startOfTarget(catalog, 'standard', 'kitchen')).toBeUndefined();
  });

  it('a personal clip belongs to the sankalpa segment it follows', () => {
    expect(partOf('closing-sankalpa-personal')).toBe('closing-sankalpa');
    expect(partOf('limbs')).toBe('limbs');
  });
});

describe('time left', () => {
  it('sums what remains from the position, and is zero at the very end', () => {
    const total = standard.reduce((sum, id) => sum + catalog.segments[id].durationMs, 0);
    expect(timeLeftMs(catalog, 'standard', 'arrival', 0)).toBe(total);
    expect(timeLeftMs(catalog, 'standard', 'arrival', 60_000)).toBe(total - 60_000);
    const last = standard[standard.length - 1];
    expect(timeLeftMs(catalog, 'standard', last, catalog.segments[last].durationMs)).toBe(0);
  });
});

describe('tokens', () => {
  it('round-trip every field and stay well under 1,024 characters', () => {
    const original = state('spine-rotation-thoracic', { attempt: 1, clip: '0123456789abcdef' });
    const token = encodeToken(catalog, original);
    expect(token.length).toBeLessThan(200);
    expect(token).toContain('spine-rotation-thoracic');
    expect(decodeToken(catalog, token, playable)).toEqual(original);
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['another skill', 'https://example.com/song.mp3'],
    ['another practice', 'other-nidra|1|standard|arrival|abc12345|0|'],
    ['a future version', 'spine-nidra|2|standard|arrival|abc12345|0|'],
    ['an unknown variant', 'spine-nidra|1|midnight|arrival|abc12345|0|'],
    ['a segment outside the practice', 'spine-nidra|1|standard|kitchen|abc12345|0|'],
    ['a clip id without a clip position', 'spine-nidra|1|standard|__proto__|abc12345|0|'],
    ['a bad nonce', 'spine-nidra|1|standard|arrival|ABC!|0|'],
    ['a bad attempt', 'spine-nidra|1|standard|arrival|abc12345|7|'],
    ['a bad clip key', 'spine-nidra|1|standard|arrival|abc12345|0|<speak>'],
    ['extra fields', 'spine-nidra|1|standard|arrival|abc12345|0||x'],
    ['far too long', `spine-nidra|1|standard|arrival|abc12345|0|${'a'.repeat(2000)}`],
  ])('treat %s as no state, without throwing', (_label, token) => {
    expect(decodeToken(catalog, token, playable)).toBeUndefined();
  });

  it('issue nonces that decode', () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[a-z0-9]{8}$/);
    expect(decodeToken(catalog, encodeToken(catalog, state('arrival', { nonce })), playable)?.nonce).toBe(nonce);
  });
});

describe('the sleep-sounds chain', () => {
  const file = (name: string) => ({ file: `${name}.0123456789.mp3`, durationMs: 600_000 });
  const withRise = {
    ...testCatalog(),
    sleepSounds: { rise: file('sleep-sounds-rise'), loop: file('sleep-sounds'), fade: file('sleep-sounds-fade') },
  };
  const lastPart = (sleep: number): PlaybackState => {
    const order = withRise.variants.standard;
    return { variant: 'standard', segmentId: order[order.length - 1], nonce: 'night001', attempt: 0, clip: '', sleep };
  };
  const chain = (catalog: Catalog, from: PlaybackState) => {
    const ids: string[] = [];
    for (let at: PlaybackState | undefined = nextSleepItem(catalog, from); at; at = nextSleepItem(catalog, at)) ids.push(at.segmentId);
    return ids;
  };

  it('rises out of the practice, loops, and fades, its files adding up to the chosen minutes', () => {
    for (const minutes of [30, 60, 90, 120, 180]) {
      const ids = chain(withRise, lastPart(minutes));
      expect(ids[0]).toBe('sleep-sounds-rise');
      expect(ids.at(-1)).toBe('sleep-sounds-fade');
      expect(ids.slice(1, -1).every((id) => id === 'sleep-sounds')).toBe(true);
      expect(ids.length * 10).toBe(minutes);
    }
  });

  it('starts with the loop where the manifest predates the rise, and a time shorter than a file is the fade alone', () => {
    const { rise: _rise, ...older } = withRise.sleepSounds;
    expect(chain({ ...withRise, sleepSounds: older }, lastPart(30))).toEqual(['sleep-sounds', 'sleep-sounds', 'sleep-sounds-fade']);
    expect(chain(withRise, lastPart(5))).toEqual(['sleep-sounds-fade']);
    expect(isPlayable({ ...withRise, sleepSounds: older }, 'standard', 'sleep-sounds-rise')).toBe(false);
    expect(isPlayable(withRise, 'standard', 'sleep-sounds-rise')).toBe(true);
  });
});
