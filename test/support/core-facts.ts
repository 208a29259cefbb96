/** Generated facts for the pure core's property tests: any stored record, device, speaker, hour and dialog. */
import fc from 'fast-check';
import type { Dialog } from '../../lambda/core/dialog';
import type { DevicePlace, Facts, Place } from '../../lambda/core/types';
import type { Catalog } from '../../lambda/playback/catalog';
import { playOrder } from '../../lambda/playback/plan';
import type { ListenerRecord } from '../../lambda/store/types';

export const NOW_MS = Date.parse('2026-11-24T21:30:00Z');

const clip = fc.constantFrom('', '0123456789abcdef');
const person = fc.constantFrom('', 'aaaaaaaaaaaaaaaa');

/** A playable place in some variant, as a device or the store would hold it. */
export function place(catalog: Catalog): fc.Arbitrary<Required<Pick<Place, 'nonce'>> & Place> {
  return fc
    .record({
      variant: fc.constantFrom(...Object.keys(catalog.variants)),
      clip,
      index: fc.nat(),
      offsetMs: fc.nat({ max: 600_000 }),
      attempt: fc.constantFrom(0 as const, 1 as const),
    })
    .map(({ variant, clip, index, offsetMs, attempt }) => {
      const order = playOrder(catalog, variant, clip);
      return { variant, segmentId: order[index % order.length], nonce: 'abcd1234', attempt, clip, offsetMs };
    });
}

export function devicePlace(catalog: Catalog): fc.Arbitrary<DevicePlace> {
  return fc
    .tuple(
      place(catalog),
      fc.constantFrom('PLAYING', 'PAUSED', 'STOPPED', 'FINISHED', 'IDLE', 'BUFFER_UNDERRUN'),
      fc.option(person, { nil: undefined }),
    )
    .map(([where, activity, owner]) => ({ ...where, activity, ...(owner ? { person: owner } : {}) }));
}

export function record(catalog: Catalog): fc.Arbitrary<ListenerRecord> {
  return fc.record(
    {
      progress: fc
        .tuple(
          place(catalog),
          fc.constantFrom('playing', 'paused', 'completed' as const),
          fc.integer({ min: 0, max: 3 * 86_400_000 }),
          fc.constantFrom('abcd1234', 'efgh5678'),
        )
        .map(([where, state, ageMs, nonce]) => ({
          variant: where.variant,
          segmentId: where.segmentId.replace(/-personal$/, ''),
          offsetMs: where.offsetMs,
          state,
          nonce,
          seq: (NOW_MS - ageMs) * 10,
        })),
      sankalpa: fc.record({
        text: fc.constantFrom('I am at ease', 'My spine is free'),
        setAt: fc.constant('2026-11-20T21:00:00Z'),
        clipKey: fc.option(fc.constant('0123456789abcdef'), { nil: undefined }),
      }),
      preferences: fc.record(
        {
          gentle: fc.boolean(),
          nature: fc.boolean(),
          length: fc.constantFrom('full', 'short' as const),
          ending: fc.constantFrom('bedtime', 'daytime' as const),
          restful: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      startedCount: fc.nat({ max: 5 }),
      completedCount: fc.nat({ max: 5 }),
      bedtimeOffer: fc.record({ at: fc.constant('2026-11-20T21:00:00Z'), answer: fc.constantFrom('accepted', 'declined', 'unanswered' as const) }),
      erased: fc.constant(true),
    },
    { requiredKeys: ['startedCount', 'completedCount'] },
  );
}

export function dialog(catalog: Catalog): fc.Arbitrary<Dialog> {
  const resume = fc.option(place(catalog), { nil: undefined });
  const text = fc.constantFrom('I am at ease', 'My back is supported');
  return fc.oneof(
    place(catalog).map((where) => ({ kind: 'resume-offer' as const, place: { ...where, nonce: undefined } })),
    fc.record({ kind: fc.constant('sankalpa-phrase' as const), misses: fc.nat({ max: 1 }), resume }),
    fc.record({ kind: fc.constant('sankalpa-confirm' as const), text, misses: fc.nat({ max: 1 }), resume }),
    fc.record({ kind: fc.constant('sankalpa-clear' as const), text, resume }),
    fc.record({ kind: fc.constant('sankalpa-ideas' as const), ideas: fc.constant<string[]>(['One idea', 'Two ideas', 'Three ideas']), resume }),
    fc.record({ kind: fc.constant('forget' as const), resume }),
    fc.record({
      kind: fc.constant('bedtime-offer' as const),
      offer: fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.constantFrom(0, 30), zone: fc.constant('America/New_York') }),
    }),
  );
}

export function facts(catalog: Catalog, withDialog = fc.option(dialog(catalog), { nil: undefined })): fc.Arbitrary<Facts> {
  return fc
    .record({
      record: fc.option(record(catalog), { nil: undefined }),
      device: fc.option(devicePlace(catalog), { nil: undefined }),
      person,
      hour: fc.integer({ min: 0, max: 23 }),
      dialog: withDialog,
      remindersGranted: fc.boolean(),
      canPlay: fc.constant(true),
      // en-US has Alexa's routine offers, ja-JP does not; a skill may not know its own id.
      locale: fc.constantFrom('en-US', 'ja-JP', undefined),
      skillId: fc.constantFrom('amzn1.ask.skill.spine-nidra-test', undefined),
    })
    .map((parts) => ({ ...parts, catalog, zone: 'America/New_York', nowMs: NOW_MS, timestamp: new Date(NOW_MS).toISOString() }));
}
