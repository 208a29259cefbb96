import fc from 'fast-check';
import { NAVIGATION_TARGETS } from '../../models/navigation-targets';
import { isTargetId, matchTarget, normalizeSpoken } from '../../lambda/playback/targets';

const everyName = NAVIGATION_TARGETS.flatMap((target) => target.names.map((name) => ({ id: target.id, name })));
const targetIds = NAVIGATION_TARGETS.map((target) => target.id);

describe('what a listener says, made comparable', () => {
  it('ignores case, punctuation, digits and extra spaces', () => {
    expect(normalizeSpoken('  Lower   BACK! ')).toBe('lower back');
    expect(normalizeSpoken('crown of the head.')).toBe('crown of the head');
    expect(normalizeSpoken('C7, the neck?')).toBe('c the neck');
    expect(normalizeSpoken('arms/legs')).toBe('arms legs');
  });

  it('keeps apostrophes, which are part of words', () => {
    expect(normalizeSpoken("Body's Scan")).toBe("body's scan");
  });

  it('drops a leading "the" or "my" and a trailing "part", "section" or "bit"', () => {
    expect(normalizeSpoken('the lower back')).toBe('lower back');
    expect(normalizeSpoken('My neck')).toBe('neck');
    expect(normalizeSpoken('the body scan part')).toBe('body scan');
    expect(normalizeSpoken('spine section')).toBe('spine');
    expect(normalizeSpoken('the crown breath bit')).toBe('crown breath');
  });

  it('leaves words that only begin with "the" or "my", or end in "part", whole', () => {
    expect(normalizeSpoken('thermal')).toBe('thermal');
    expect(normalizeSpoken('mystery')).toBe('mystery');
    expect(normalizeSpoken('counterpart')).toBe('counterpart');
    expect(normalizeSpoken('rest the part')).toBe('rest the');
  });

  it('always gives plain lowercase words separated by single spaces (300 inputs)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'grapheme' }), (text) => {
        expect(normalizeSpoken(text)).toMatch(/^([a-z']+( [a-z']+)*)?$/);
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });
});

describe('matching a spoken place to where the practice skips', () => {
  it('finds the place for every name and synonym in the model', () => {
    for (const { id, name } of everyName) expect([name, matchTarget(name)]).toEqual([name, id]);
  });

  it('understands how people actually ask for places', () => {
    expect(matchTarget('The Lower Back')).toBe('spine-rotation-lumbar');
    expect(matchTarget('lower back section')).toBe('spine-rotation-lumbar');
    expect(matchTarget('my neck')).toBe('spine-rotation-cervical');
    expect(matchTarget('the neck part')).toBe('spine-rotation-cervical');
    expect(matchTarget('the body scan bit')).toBe('body-scan');
    expect(matchTarget('Crown of the head.')).toBe('crown-breath');
    expect(matchTarget('the end')).toBe('return');
    expect(matchTarget('the beginning')).toBe('arrival');
    expect(matchTarget('intention again')).toBe('closing-sankalpa');
    expect(matchTarget('the intention')).toBe('sankalpa');
    // Not listed with "the" or "my" in front, and found all the same.
    expect(matchTarget('the lumbar spine')).toBe('spine-rotation-lumbar');
    expect(matchTarget('my tailbone')).toBe('spine-rotation-column');
    expect(matchTarget('the crown breath')).toBe('crown-breath');
  });

  it('accepts the id of a place whose id is also a word a listener says', () => {
    for (const id of ['arrival', 'softening', 'sankalpa', 'limbs', 'rest', 'return']) expect(matchTarget(id)).toBe(id);
  });

  it('finds nothing for places the practice does not have, or for nothing said', () => {
    for (const spoken of [undefined, '', '   ', '?!', 'the', 'my', 'the kitchen', 'left knee', 'constructor', '__proto__', 'toString']) {
      expect([spoken, matchTarget(spoken)]).toEqual([spoken, undefined]);
    }
  });

  it('does not guess from part of a name', () => {
    expect(matchTarget('lower')).toBeUndefined();
    expect(matchTarget('back scan')).toBeUndefined();
    expect(matchTarget('the lower back and neck')).toBeUndefined();
  });

  it('matches any known name however it is capitalised, punctuated or spaced (300 variations)', () => {
    const decorated = fc.record({
      entry: fc.constantFrom(...everyName),
      upper: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      before: fc.constantFrom('', ' ', '  ', '"'),
      after: fc.constantFrom('', '.', '?', '!', ' ', ' .', '...'),
      gap: fc.constantFrom(' ', '  ', ' , '),
      suffix: fc.constantFrom('', ' part', ' section', ' bit'),
    });
    fc.assert(
      fc.property(decorated, ({ entry, upper, before, after, gap, suffix }) => {
        const cased = [...entry.name].map((char, i) => (upper[i % upper.length] ? char.toUpperCase() : char)).join('');
        const spoken = `${before}${cased.split(' ').join(gap)}${suffix}${after}`;
        expect([spoken, matchTarget(spoken)]).toEqual([spoken, entry.id]);
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });

  it('answers any text with a known place or nothing, never an error (300 inputs)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'grapheme' }), (text) => {
        const id = matchTarget(text);
        expect(id === undefined || targetIds.includes(id)).toBe(true);
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });
});

describe('recognising a place id from entity resolution', () => {
  it('knows every place id', () => {
    for (const id of targetIds) expect([id, isTargetId(id)]).toEqual([id, true]);
  });

  it('refuses spoken names, unknown or missing ids, and look-alikes', () => {
    for (const id of [
      undefined,
      '',
      'lower back',
      'spine rotation lumbar',
      'SPINE-ROTATION-LUMBAR',
      ' rest',
      'spine-rotation-sacral',
      'constructor',
    ]) {
      expect([id, isTargetId(id)]).toEqual([id, false]);
    }
  });
});
