/**
 * The request sequences both skills answer: a whole practice played like an Echo plays it, a
 * listener left mid-practice, and the five request types the benchmark times and meters.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Catalog } from '../lambda/playback/catalog';
import { audioEvent, launch, playOf, skip, type At } from './requests';

export type SendOne = (event: RequestEnvelope) => Promise<ResponseEnvelope>;

export const REQUEST_TYPES = ['Launch', 'skip', 'NearlyFinished', 'Stopped', 'Started'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** Event times: an hour ago onwards, so no event is ever in the future of the skill's clock. */
export class Clock {
  private ms = Date.now() - 3_600_000;
  at(userId: string, stepMs = 50): At {
    this.ms += stepMs;
    return { userId, timeMs: this.ms };
  }
}

export interface Played {
  /** Token of every item played, in order. */
  tokens: string[];
  /** Request type of every request sent, in order. */
  types: string[];
}

/**
 * Launch, then for each item Started, NearlyFinished (which enqueues the next) and Finished.
 * Stops after `items` items, leaving the next one playing; by default plays to the very end.
 */
export async function play(send: SendOne, catalog: Catalog, userId: string, clock: Clock, items = Infinity): Promise<Played> {
  const durations = catalog.variants[catalog.defaultVariant].map((id) => catalog.segments[id].durationMs);
  const types: string[] = ['Launch'];
  const first = playOf(await send(launch(clock.at(userId))));
  if (!first) throw new Error('Launch did not start the practice');
  const tokens = [first.token];
  for (let item = 0; ; item += 1) {
    const token = tokens[item];
    const durationMs = durations[item] ?? 60_000;
    await send(audioEvent('PlaybackStarted', token, 0, clock.at(userId)));
    types.push('Started');
    if (item >= items) break;
    const next = playOf(await send(audioEvent('PlaybackNearlyFinished', token, durationMs - 10_000, clock.at(userId, durationMs - 10_000))));
    await send(audioEvent('PlaybackFinished', token, durationMs, clock.at(userId, 10_000)));
    types.push('NearlyFinished', 'Finished');
    if (!next) break;
    if (next.behavior !== 'ENQUEUE') throw new Error(`NearlyFinished answered ${next.behavior}, not ENQUEUE`);
    tokens.push(next.token);
  }
  return { tokens, types };
}

/** One request of a type, for a listener whose practice is playing `token`. */
export function requestOf(type: RequestType, token: string, userId: string, clock: Clock): RequestEnvelope {
  const at = clock.at(userId);
  switch (type) {
    case 'Launch':
      return launch(at);
    case 'skip':
      return skip({ ...at, player: { token, offsetInMilliseconds: 60_000, playerActivity: 'PLAYING' } });
    case 'NearlyFinished':
      return audioEvent('PlaybackNearlyFinished', token, 110_000, at);
    case 'Stopped':
      return audioEvent('PlaybackStopped', token, 60_000, at);
    case 'Started':
      return audioEvent('PlaybackStarted', token, 0, at);
  }
}
