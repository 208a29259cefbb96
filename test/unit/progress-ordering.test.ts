/**
 * Out-of-order, duplicated and stale AudioPlayer events from two Echos of one listener never lose
 * the newest progress: the rule itself, pure (test/integration/progress-ordering-store.test.ts
 * sends the same timelines through the skill into DynamoDB).
 */
import fc from 'fast-check';
import { eventOrder, supersedes, type Progress } from '../../lambda/playback/progress';
import { testCatalog } from '../support/catalog';
import { deliveries, progressOf, timelines, type TimelineEvent } from '../support/event-timelines';

const catalog = testCatalog();
const seqOf = (event: TimelineEvent) => eventOrder(new Date(event.timeMs).toISOString(), event.type) as number;

describe('the newest progress wins, in any arrival order', () => {
  it('supersedes: folding any delivery of a timeline keeps its last event (pure, 5,000 timelines)', () => {
    fc.assert(
      fc.property(
        timelines(catalog).chain((events) => fc.tuple(fc.constant(events), deliveries(events))),
        ([events, delivered]) => {
          let stored: Progress | undefined;
          for (const event of delivered) {
            const incoming = progressOf(event, seqOf(event));
            if (supersedes(stored, incoming)) stored = incoming;
          }
          const newest = events[events.length - 1];
          expect(stored).toEqual(progressOf(newest, seqOf(newest)));
        },
      ),
      { numRuns: 5_000, seed: 1124 },
    );
  });
});
