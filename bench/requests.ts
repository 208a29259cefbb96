/**
 * Request envelopes for the benchmark, from the project's one envelope builder (testkit/). Both
 * skills get the very same envelopes; only the tokens differ, and those come from each skill's own
 * responses.
 */
import { audioEvent as deviceEvent, intent, launch as launchEnvelope, type EnvelopeOptions } from '../testkit/envelopes';

export { playOf, type Play } from '../testkit/envelopes';

export const BENCH_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-00000000be0c';

/** Real Alexa user ids are long (about 200 characters); the item size, and so the request units, depend on it. */
export function benchUserId(name: string): string {
  const filler = Array.from({ length: 180 }, (_, i) => 'ABCDEFGHJKLMNPQRSTUVWXYZ234567'[(i * 7 + name.length * 13) % 30]).join('');
  return `amzn1.ask.account.${name.toUpperCase()}${filler}`.slice(0, 220);
}

export interface Player {
  token: string;
  offsetInMilliseconds: number;
  playerActivity: 'PLAYING' | 'STOPPED' | 'FINISHED' | 'IDLE';
}

export interface At {
  userId: string;
  /** The Echo the request comes from (default: one bench Echo). */
  deviceId?: string;
  /** Event time; the skills order their writes by it. */
  timeMs: number;
  player?: Player;
}

const options = (at: At): EnvelopeOptions => ({
  skillId: BENCH_SKILL_ID,
  userId: at.userId,
  deviceId: at.deviceId ?? 'amzn1.ask.device.BENCH-ECHO',
  timestamp: at.timeMs,
  player: at.player,
  api: alexaApi,
});

/** Real envelopes carry Alexa's API endpoint and a token for it; the bench points them at its fake. */
let alexaApi: { endpoint: string; accessToken?: string } = { endpoint: 'https://api.amazonalexa.com' };
export function aimEnvelopesAt(endpoint: string): void {
  alexaApi = { endpoint, accessToken: `bench-api-access-token.${'x'.repeat(600)}` };
}

export const launch = (at: At) => launchEnvelope(options(at));

/** "Alexa, next": a voice skip while the practice plays. */
export const skip = (at: At) => intent('AMAZON.NextIntent', options(at));

export const audioEvent = (
  type: 'PlaybackStarted' | 'PlaybackNearlyFinished' | 'PlaybackFinished' | 'PlaybackStopped',
  token: string,
  offsetMs: number,
  at: At,
) => deviceEvent(type, token, offsetMs, options(at));
