/** Drives a whole practice like an Echo: launch, then Started, NearlyFinished (enqueue), Finished per item. */
import { expect } from '@jest/globals';
import { isPersonalClip } from '../../lambda/playback/plan';
import type { Harness } from './harness';
import { segmentOfToken } from '../../testkit/tokens';
import { audioEvent, launch, playOf } from '../../testkit/envelopes';

const iso = (ms: number) => new Date(ms).toISOString();

/** Personal clips are short; the walk gives them a few seconds. */
const CLIP_MS = 12_000;

export async function walkPractice(harness: Harness, userId: string) {
  const started = await harness.send(launch({ userId }));
  let token = playOf(started)?.token as string;
  const tokens = [token];
  const urls = [playOf(started)?.url as string];
  const callsPerEvent: Record<string, number[]> = {};
  const count = async (type: string, send: () => Promise<unknown>) => {
    harness.calls.length = 0;
    const response = await send();
    (callsPerEvent[type] ??= []).push(harness.calls.length);
    return response;
  };
  for (;;) {
    const segment = segmentOfToken(token);
    const durationMs = isPersonalClip(segment) ? CLIP_MS : harness.catalog.segments[segment].durationMs;
    harness.clock.ms += 1_000;
    await count('PlaybackStarted', () => harness.send(audioEvent('PlaybackStarted', token, 0, { userId, timestamp: iso(harness.clock.ms) })));
    harness.clock.ms += durationMs - 10_000;
    const nearly = (await count('PlaybackNearlyFinished', () =>
      harness.send(audioEvent('PlaybackNearlyFinished', token, durationMs - 10_000, { userId, timestamp: iso(harness.clock.ms) })),
    )) as Awaited<ReturnType<Harness['send']>>;
    harness.clock.ms += 10_000;
    await count('PlaybackFinished', () =>
      harness.send(audioEvent('PlaybackFinished', token, durationMs, { userId, timestamp: iso(harness.clock.ms) })),
    );
    const enqueued = playOf(nearly);
    if (!enqueued) break;
    expect(enqueued.behavior).toBe('ENQUEUE');
    expect(enqueued.expectedPreviousToken).toBe(token);
    token = enqueued.token;
    tokens.push(token);
    urls.push(enqueued.url);
  }
  return { tokens, urls, callsPerEvent, launchResponse: started };
}
