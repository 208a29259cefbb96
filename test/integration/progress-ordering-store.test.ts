/**
 * Out-of-order, duplicated and stale AudioPlayer events from two Echos of one listener never lose
 * the newest progress, through the real skill into DynamoDB (the rule alone, pure, is
 * test/unit/progress-ordering.test.ts).
 */
import fc from 'fast-check';
import { encodeToken } from '../../lambda/playback/token';
import { eventOrder } from '../../lambda/playback/progress';
import { createHarness, type Harness } from '../support/harness';
import { testCatalog } from '../support/catalog';
import { deliveries, progressOf, timelines, type TimelineEvent } from '../support/event-timelines';
import { audioEvent } from '../../testkit/envelopes';

const catalog = testCatalog();
const seqOf = (event: TimelineEvent) => eventOrder(new Date(event.timeMs).toISOString(), event.type) as number;

describe('the newest progress wins, in any arrival order', () => {
  describe('through the skill and DynamoDB', () => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await createHarness();
      // The skill's clock after every timeline, as for events that really happened.
      harness.clock.ms = Date.parse('2027-01-01T00:00:00Z');
    });

    const send = (userId: string, event: TimelineEvent) => {
      const token = encodeToken(catalog, { variant: 'standard', segmentId: event.segmentId, nonce: event.nonce, attempt: event.attempt, clip: '' });
      const extra =
        event.type === 'PlaybackFailed'
          ? {
              error: { type: 'MEDIA_ERROR_SERVICE_UNAVAILABLE', message: 'unreachable' },
              currentPlaybackState: { token, offsetInMilliseconds: event.offsetMs, playerActivity: 'STOPPED' },
            }
          : {};
      return harness.send(
        audioEvent(event.type, token, event.offsetMs, {
          userId,
          deviceId: `amzn1.ask.device.ECHO-${event.device}`,
          timestamp: new Date(event.timeMs).toISOString(),
          extra,
        }),
      );
    };

    it('a PlaybackStarted that arrives after its own same-second pause does not undo the pause', async () => {
      const userId = 'amzn1.ask.account.ORDER-PAUSE';
      const at = Date.parse('2026-11-24T22:00:00Z');
      const started: TimelineEvent = {
        type: 'PlaybackStarted',
        device: 'A',
        nonce: 'aaaa0001',
        segmentId: 'body-scan',
        offsetMs: 0,
        timeMs: at,
        attempt: 0,
      };
      const paused: TimelineEvent = { ...started, type: 'PlaybackStopped', offsetMs: 0 };
      await send(userId, paused);
      await send(userId, started);
      expect((await harness.store.load(harness.keyOf(userId)))?.progress).toMatchObject({ state: 'paused', offsetMs: 0 });
    });

    it('stores exactly the newest event after two Echos interleave, repeat and arrive late (150 timelines)', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          timelines(catalog).chain((events) => fc.tuple(fc.constant(events), deliveries(events))),
          async ([events, delivered]) => {
            const userId = `amzn1.ask.account.ORDER-${(run += 1)}`;
            for (const event of delivered) await send(userId, event);
            const newest = events[events.length - 1];
            const stored = (await harness.store.load(harness.keyOf(userId)))?.progress;
            expect(stored).toEqual(progressOf(newest, seqOf(newest)));
          },
        ),
        { numRuns: Number(process.env.ORDER_RUNS ?? 150), seed: 2411, endOnFailure: true },
      );
    });
  });
});
