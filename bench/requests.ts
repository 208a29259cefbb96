/**
 * Request envelopes for the benchmark, shaped like Alexa's. Both skills get the very same
 * envelopes; only the tokens differ, and those come from each skill's own responses.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';

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

let counter = 0;

/** Real envelopes carry Alexa's API endpoint and a token for it; the bench points them at its fake. */
let alexaApi = { endpoint: 'https://api.amazonalexa.com', token: undefined as string | undefined };
export function aimEnvelopesAt(endpoint: string): void {
  alexaApi = { endpoint, token: `bench-api-access-token.${'x'.repeat(600)}` };
}

function envelope(request: Record<string, unknown>, at: At, withSession: boolean): RequestEnvelope {
  counter += 1;
  const application = { applicationId: BENCH_SKILL_ID };
  const user = { userId: at.userId };
  const context: Record<string, unknown> = {
    System: {
      application,
      user,
      device: { deviceId: at.deviceId ?? 'amzn1.ask.device.BENCH-ECHO', supportedInterfaces: { AudioPlayer: {} } },
      apiEndpoint: alexaApi.endpoint,
      ...(alexaApi.token ? { apiAccessToken: alexaApi.token } : {}),
    },
  };
  if (at.player) context.AudioPlayer = at.player;
  const body: Record<string, unknown> = {
    version: '1.0',
    context,
    request: { requestId: `amzn1.echo-api.request.bench-${counter}`, timestamp: new Date(at.timeMs).toISOString(), locale: 'en-US', ...request },
  };
  if (withSession) {
    body.session = { new: true, sessionId: `amzn1.echo-api.session.bench-${counter}`, application, user, attributes: {} };
  }
  return body as unknown as RequestEnvelope;
}

export const launch = (at: At) => envelope({ type: 'LaunchRequest' }, at, true);

/** "Alexa, next": a voice skip while the practice plays. */
export const skip = (at: At) =>
  envelope({ type: 'IntentRequest', intent: { name: 'AMAZON.NextIntent', confirmationStatus: 'NONE', slots: {} } }, at, true);

export const audioEvent = (type: 'PlaybackStarted' | 'PlaybackNearlyFinished' | 'PlaybackFinished' | 'PlaybackStopped', token: string, offsetMs: number, at: At) =>
  envelope({ type: `AudioPlayer.${type}`, token, offsetInMilliseconds: offsetMs }, at, false);

export interface Play {
  behavior: string;
  token: string;
  url: string;
}

/** The Play directive of a response, if any. */
export function playOf(response: ResponseEnvelope): Play | undefined {
  const play = (response.response?.directives ?? []).find((d) => d.type === 'AudioPlayer.Play') as
    | { playBehavior: string; audioItem: { stream: { url: string; token: string } } }
    | undefined;
  return play && { behavior: play.playBehavior, token: play.audioItem.stream.token, url: play.audioItem.stream.url };
}
