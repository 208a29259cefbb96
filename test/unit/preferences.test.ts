import fc from 'fast-check';
import type { Catalog } from '../../lambda/playback/catalog';
import { segmentFile } from '../../lambda/playback/catalog';
import { isEvening, isNight, variantDurationMs, variantFor, variantToCarryOn, wantsBedtimeEnding } from '../../lambda/playback/preferences';
import type { Preferences } from '../../lambda/store/types';
import { testCatalog } from '../support/catalog';

const catalog = testCatalog();
const plays = (variant: string): readonly string[] => catalog.variants[variant];
/** Nature sounds are in every file of the default mix; the plain mix's files are marked `-plain` (test/support/catalog.ts). */
const withoutNature = (variant: string): boolean => plays(variant).every((id) => /-plain\./.test(segmentFile(catalog, variant, id)));
const withNature = (variant: string): boolean => plays(variant).every((id) => !/-plain\./.test(segmentFile(catalog, variant, id)));

// Written out by hand from the promise "the bedtime ending from 19:00 until 05:00, soft speech from 21:00".
const EVENING_HOURS = [19, 20, 21, 22, 23, 0, 1, 2, 3, 4];
const NIGHT_HOURS = [21, 22, 23, 0, 1, 2, 3, 4];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const MIDDAY = 13;
const LATE_EVENING = 22;

/** A catalog as the test one, with some variants never rendered (audio from before an option existed). */
function without(...missing: string[]): Catalog {
  return { ...catalog, variants: Object.fromEntries(Object.entries(catalog.variants).filter(([id]) => !missing.includes(id))) };
}

describe('evening and night by the local clock', () => {
  it('is evening from 19:00 until 05:00', () => {
    expect(HOURS.filter(isEvening)).toEqual(HOURS.filter((hour) => EVENING_HOURS.includes(hour)));
  });

  it('is night from 21:00 until 05:00, always within the evening', () => {
    expect(HOURS.filter(isNight)).toEqual(HOURS.filter((hour) => NIGHT_HOURS.includes(hour)));
    for (const hour of HOURS.filter(isNight)) expect(isEvening(hour)).toBe(true);
  });
});

describe('the bedtime ending', () => {
  it('follows the clock when the listener has not chosen', () => {
    for (const preferences of [undefined, {}, { gentle: true, nature: false }]) {
      for (const hour of HOURS) expect([hour, wantsBedtimeEnding(preferences, hour)]).toEqual([hour, EVENING_HOURS.includes(hour)]);
    }
  });

  it("follows the listener's choice at any hour", () => {
    for (const hour of HOURS) {
      expect(wantsBedtimeEnding({ ending: 'bedtime' }, hour)).toBe(true);
      expect(wantsBedtimeEnding({ ending: 'daytime' }, hour)).toBe(false);
    }
  });
});

describe('the variant a fresh practice plays', () => {
  it('with no choices: the standard practice by day, the bedtime ending in the evening, nature sounds on', () => {
    expect(variantFor(catalog, undefined, MIDDAY)).toBe(catalog.defaultVariant);
    expect(variantFor(catalog, {}, MIDDAY)).toBe(catalog.defaultVariant);
    const evening = variantFor(catalog, undefined, LATE_EVENING);
    expect(plays(evening)).toContain('return-bedtime');
    expect(plays(evening)).not.toContain('return');
    expect(withNature(evening)).toBe(true);
  });

  it("names combined choices in the model's order, whatever order they were made in", () => {
    expect(variantFor(catalog, { ending: 'bedtime', gentle: true, length: 'short' }, MIDDAY)).toBe('short-gentle-bedtime');
    expect(variantFor(catalog, { restful: true, gentle: true, nature: false, ending: 'daytime' }, LATE_EVENING)).toBe('gentle-restful-plain');
  });

  it('a daytime ending chosen at night, without nature sounds, is the standard practice in the plain mix', () => {
    const variant = variantFor(catalog, { ending: 'daytime', nature: false }, 1);
    expect(plays(variant)).toEqual(plays(catalog.defaultVariant));
    expect(withoutNature(variant)).toBe(true);
  });

  it('the full length is the same as not choosing a length', () => {
    for (const hour of [MIDDAY, LATE_EVENING]) {
      expect(variantFor(catalog, { length: 'full', gentle: true }, hour)).toBe(variantFor(catalog, { gentle: true }, hour));
    }
  });

  it('plays exactly what the listener chose, at any hour (300 combinations)', () => {
    const choices = fc.record(
      {
        gentle: fc.boolean(),
        nature: fc.boolean(),
        length: fc.constantFrom<'full' | 'short'>('full', 'short'),
        ending: fc.constantFrom<'bedtime' | 'daytime'>('bedtime', 'daytime'),
        restful: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.option(choices, { nil: undefined }), fc.integer({ min: 0, max: 23 }), (preferences: Preferences | undefined, hour) => {
        const variant = variantFor(catalog, preferences, hour);
        const order = plays(variant) ?? [];
        const heard = (id: string) => order.includes(id);
        const short = preferences?.length === 'short';
        const gentle = !!preferences?.gentle;
        const bedtime = preferences?.ending ? preferences.ending === 'bedtime' : EVENING_HOURS.includes(hour);
        expect({
          tensing: heard('tension-release'),
          gentleStart: heard('softening-gentle'),
          bodyScanAndLimbs: heard('body-scan') && heard('limbs'),
          longerRest: heard('rest-longer'),
          bedtimeEnding: heard('return-bedtime'),
          wakingEnding: heard('return'),
          natureSounds: withNature(variant),
          plainMix: withoutNature(variant),
          keepsTheCore: ['arrival', 'sankalpa', 'spine-rotation-cervical', 'crown-breath', 'closing-sankalpa'].every(heard),
        }).toEqual({
          // The short practice leaves out the tensing and the softening, gentle or not.
          tensing: !short && !gentle,
          gentleStart: !short && gentle,
          bodyScanAndLimbs: !short,
          longerRest: !!preferences?.restful,
          bedtimeEnding: bedtime,
          wakingEnding: !bedtime,
          natureSounds: preferences?.nature !== false,
          plainMix: preferences?.nature === false,
          keepsTheCore: true,
        });
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });

  it('without the plain mix of the chosen version, plays that version with nature sounds', () => {
    const older = without('restful-plain');
    const variant = variantFor(older, { restful: true, nature: false }, MIDDAY);
    expect(older.variants[variant]).toContain('rest-longer');
    expect(variant).toBe('restful');
  });

  it('without the chosen version at all, plays the standard practice', () => {
    const older = without(...Object.keys(catalog.variants).filter((id) => id.includes('bedtime')));
    expect(variantFor(older, undefined, LATE_EVENING)).toBe(older.defaultVariant);
    expect(variantFor(older, { ending: 'bedtime', gentle: true }, MIDDAY)).toBe(older.defaultVariant);
    const onlyStandard = without(...Object.keys(catalog.variants).filter((id) => id !== catalog.defaultVariant));
    expect(variantFor(onlyStandard, { length: 'short', gentle: true, restful: true, ending: 'bedtime', nature: false }, 2)).toBe(
      onlyStandard.defaultVariant,
    );
  });

  it('always plays a version the catalog has, however few were rendered (200 cases)', () => {
    const ids = Object.keys(catalog.variants);
    fc.assert(
      fc.property(
        fc.subarray(ids.filter((id) => id !== catalog.defaultVariant)),
        fc.record(
          { gentle: fc.boolean(), nature: fc.boolean(), length: fc.constantFrom<'full' | 'short'>('full', 'short'), restful: fc.boolean() },
          { requiredKeys: [] },
        ),
        fc.integer({ min: 0, max: 23 }),
        (missing, preferences: Preferences, hour) => {
          const older = without(...missing);
          expect(Object.keys(older.variants)).toContain(variantFor(older, preferences, hour));
        },
      ),
      { seed: 20261203, numRuns: 200 },
    );
  });
});

describe('a change of mind while a practice is playing', () => {
  it('nothing to do when the preferred version is the one playing', () => {
    expect(variantToCarryOn(catalog, 'gentle', 'gentle', 'body-scan')).toEqual({ variant: 'gentle', moved: false });
  });

  it('moves at once when the preferred version plays the same part, so nothing is cut mid-sentence', () => {
    expect(variantToCarryOn(catalog, 'standard', 'bedtime', 'spine-rotation-thoracic')).toEqual({ variant: 'bedtime', moved: true });
    expect(variantToCarryOn(catalog, 'standard', 'short', 'arrival')).toEqual({ variant: 'short', moved: true });
  });

  it("moves during the listener's own sankalpa clip when the new version has that sankalpa", () => {
    expect(variantToCarryOn(catalog, 'standard', 'short', 'sankalpa-personal')).toEqual({ variant: 'short', moved: true });
    expect(variantToCarryOn(catalog, 'gentle', 'gentle-bedtime', 'closing-sankalpa-personal')).toEqual({ variant: 'gentle-bedtime', moved: true });
  });

  it('keeps the current version until the next practice when the new one does not play this part', () => {
    expect(variantToCarryOn(catalog, 'standard', 'short', 'body-scan')).toEqual({ variant: 'standard', moved: false });
    expect(variantToCarryOn(catalog, 'standard', 'gentle', 'tension-release')).toEqual({ variant: 'standard', moved: false });
    expect(variantToCarryOn(catalog, 'restful', 'standard', 'rest-longer')).toEqual({ variant: 'restful', moved: false });
    expect(variantToCarryOn(catalog, 'bedtime', 'standard', 'return-bedtime')).toEqual({ variant: 'bedtime', moved: false });
  });

  it('keeps the current version when the preferred one was never rendered', () => {
    expect(variantToCarryOn(catalog, 'standard', 'extra-long', 'arrival')).toEqual({ variant: 'standard', moved: false });
  });

  it('turning nature sounds off or on switches mix at once, wherever the listener is', () => {
    for (const variant of ['standard', 'short-gentle-restful-bedtime']) {
      for (const segmentId of plays(variant)) {
        expect(variantToCarryOn(catalog, variant, `${variant}-plain`, segmentId)).toEqual({ variant: `${variant}-plain`, moved: true });
        expect(variantToCarryOn(catalog, `${variant}-plain`, variant, segmentId)).toEqual({ variant, moved: true });
      }
    }
  });

  it('ends in the current or the preferred version, moving only onto one that plays the part (300 cases)', () => {
    const ids = Object.keys(catalog.variants);
    const place = fc
      .constantFrom(...ids)
      .chain((current) =>
        fc.record({ current: fc.constant(current), segmentId: fc.constantFrom(...plays(current)), preferred: fc.constantFrom(...ids) }),
      );
    fc.assert(
      fc.property(place, ({ current, preferred, segmentId }) => {
        const { variant, moved } = variantToCarryOn(catalog, current, preferred, segmentId);
        expect([current, preferred]).toContain(variant);
        expect(moved).toBe(variant !== current);
        expect(moved).toBe(preferred !== current && plays(preferred).includes(segmentId));
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });
});

describe('how long a version lasts', () => {
  const minute = 60_000;
  const segment = (id: string, durationMs: number) => ({ id, sectionId: id, title: id, sectionTitle: id, file: `${id}.mp3`, durationMs });
  const small: Catalog = {
    practiceId: 'small',
    defaultVariant: 'standard',
    variants: { standard: ['arrival', 'rest', 'return'], restful: ['arrival', 'rest', 'rest-longer', 'return'], short: ['arrival', 'return'] },
    segments: {
      arrival: segment('arrival', 2 * minute),
      rest: segment('rest', 3 * minute),
      'rest-longer': segment('rest-longer', 5 * minute),
      return: segment('return', 1 * minute),
    },
  };

  it('adds up the parts it plays', () => {
    expect(variantDurationMs(small, 'standard')).toBe(6 * minute);
    expect(variantDurationMs(small, 'restful')).toBe(11 * minute);
    expect(variantDurationMs(small, 'short')).toBe(3 * minute);
  });

  it('is nothing for a version the catalog does not have', () => {
    expect(variantDurationMs(small, 'bedtime')).toBe(0);
    expect(variantDurationMs(catalog, 'extra-long')).toBe(0);
  });

  it('in the practice: short is shorter, a longer rest is longer, and the mix does not change the length', () => {
    const standard = variantDurationMs(catalog, 'standard');
    expect(variantDurationMs(catalog, 'short')).toBeLessThan(standard);
    expect(variantDurationMs(catalog, 'restful')).toBeGreaterThan(standard);
    for (const id of Object.keys(catalog.variants).filter((each) => !each.endsWith('-plain'))) {
      expect([id, variantDurationMs(catalog, `${id}-plain`)]).toEqual([id, variantDurationMs(catalog, id)]);
    }
  });
});
