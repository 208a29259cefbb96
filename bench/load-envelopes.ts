/**
 * What a simulated Echo sends for `npm run load`, from the project's one envelope builder
 * (testkit/): one-second ISO timestamps, the device's AudioPlayer state in every context, and a
 * session only on speech. Also the checks on what comes back, written from the skill's documented
 * token format rather than by importing the skill's own decoder: a deliberate second opinion, so a
 * bug in the codec cannot hide itself.
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { audioEvent, intent, launch, type EnvelopeOptions } from '../testkit/envelopes';

export interface Echo {
  skillId: string;
  locale: string;
  userId: string;
  deviceId: string;
}

export interface PlayerContext {
  token?: string;
  offsetInMilliseconds?: number;
  playerActivity: 'IDLE' | 'PLAYING' | 'STOPPED' | 'FINISHED';
}

export interface Session {
  sessionId: string;
  new: boolean;
  attributes: Record<string, unknown>;
}

/** Alexa writes request timestamps to the second; the skill's write ordering depends on that. */
export const alexaTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');

let sessions = 0;

const options = (echo: Echo, atMs: number, player: PlayerContext, session?: Session): EnvelopeOptions => ({
  skillId: echo.skillId,
  locale: echo.locale,
  userId: echo.userId,
  deviceId: echo.deviceId,
  timestamp: alexaTime(atMs),
  player,
  session,
});

export function newSession(): Session {
  sessions += 1;
  return { sessionId: `amzn1.echo-api.session.load-${sessions}`, new: true, attributes: {} };
}

export const launchRequest = (echo: Echo, atMs: number, player: PlayerContext, session: Session) => launch(options(echo, atMs, player, session));

export const intentRequest = (echo: Echo, atMs: number, player: PlayerContext, session: Session, name: string, slots: Record<string, unknown> = {}) =>
  intent(name, { ...options(echo, atMs, player, session), slots });

export const deviceEvent = (echo: Echo, atMs: number, player: PlayerContext, type: string, token: string, offsetMs: number) =>
  audioEvent(type, token, offsetMs, options(echo, atMs, player));

/** The section slot as Alexa fills it when the words match a SECTION value. */
export function sectionSlot(spoken: string, id: string): Record<string, unknown> {
  const authority = 'amzn1.er-authority.echo-sdk.amzn1.ask.skill.load.SECTION';
  return {
    section: {
      name: 'section',
      value: spoken,
      confirmationStatus: 'NONE',
      resolutions: { resolutionsPerAuthority: [{ authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: spoken, id } }] }] },
    },
  };
}

/** A protocol problem: the listener stops there, since its device no longer knows what plays. */
export class LoadError extends Error {}

export interface Token {
  raw: string;
  variant: string;
  segmentId: string;
  nonce: string;
}

/** `<practice>|1|<variant>|<segment>|<nonce>|<attempt>|<clip key>`, as the README documents it. */
export function parseToken(raw: unknown, practiceId: string): Token {
  const fields = typeof raw === 'string' ? raw.split('|') : [];
  const [practice, version, variant, segmentId, nonce, attempt, clip] = fields;
  if (fields.length !== 7 || practice !== practiceId || version !== '1' || !/^[a-z0-9]{4,16}$/.test(nonce) || attempt !== '0' || clip !== '') {
    throw new LoadError(`unexpected token ${String(raw)}`);
  }
  return { raw: raw as string, variant, segmentId, nonce };
}

interface Stream {
  url?: string;
  token?: string;
  expectedPreviousToken?: string;
  offsetInMilliseconds?: number;
}
interface DirectiveLike {
  type: string;
  playBehavior?: string;
  audioItem?: { stream?: Stream };
}

export const directivesOf = (answer: ResponseEnvelope) => (answer.response?.directives ?? []) as DirectiveLike[];

export interface SpeechShape {
  /** Speech expected (true), forbidden (false). */
  speech: boolean;
  /** shouldEndSession must be exactly true, or must not be true. */
  endsSession: boolean;
  reprompt?: boolean;
}

export function expectShape(label: string, answer: ResponseEnvelope, shape: SpeechShape): void {
  const response = answer.response ?? {};
  if (Boolean(response.outputSpeech) !== shape.speech) throw new LoadError(`${label}: speech ${shape.speech ? 'missing' : 'not expected'}`);
  if (Boolean(response.reprompt) !== Boolean(shape.reprompt))
    throw new LoadError(`${label}: reprompt ${shape.reprompt ? 'missing' : 'not expected'}`);
  if ((response.shouldEndSession === true) !== shape.endsSession) {
    throw new LoadError(`${label}: shouldEndSession is ${String(response.shouldEndSession)}`);
  }
}

export function expectNoDirectives(label: string, answer: ResponseEnvelope): void {
  const directives = directivesOf(answer);
  if (directives.length) throw new LoadError(`${label}: unexpected directive(s) ${directives.map((d) => d.type).join(', ')}`);
  if (answer.response?.outputSpeech) throw new LoadError(`${label}: unexpected speech`);
}

export function expectStop(label: string, answer: ResponseEnvelope): void {
  const types = directivesOf(answer).map((d) => d.type);
  if (types.length !== 1 || types[0] !== 'AudioPlayer.Stop')
    throw new LoadError(`${label}: expected only AudioPlayer.Stop, got [${types.join(', ')}]`);
}

export interface ExpectedPlay {
  behavior: 'REPLACE_ALL' | 'ENQUEUE';
  segmentId: string;
  offsetMs: number;
  variant: string;
  /** ENQUEUE keeps the session's nonce; REPLACE_ALL must start a new one (any other than this). */
  nonce: { same: string } | { not: string | undefined };
  expectedPreviousToken?: string;
}

/** Exactly one Play, exactly as expected; returns its token. */
export function expectPlay(label: string, answer: ResponseEnvelope, expected: ExpectedPlay, practiceId: string, audioBaseUrl: string): Token {
  const directives = directivesOf(answer);
  const play = directives[0];
  if (directives.length !== 1 || play.type !== 'AudioPlayer.Play') {
    throw new LoadError(`${label}: expected one AudioPlayer.Play, got [${directives.map((d) => d.type).join(', ')}]`);
  }
  const stream = play.audioItem?.stream ?? {};
  const token = parseToken(stream.token, practiceId);
  const wrong = (what: string, got: unknown, want: unknown) => new LoadError(`${label}: ${what} ${String(got)}, expected ${String(want)}`);
  if (play.playBehavior !== expected.behavior) throw wrong('playBehavior', play.playBehavior, expected.behavior);
  if (token.segmentId !== expected.segmentId) throw wrong('segment', token.segmentId, expected.segmentId);
  if (token.variant !== expected.variant) throw wrong('variant', token.variant, expected.variant);
  if (stream.offsetInMilliseconds !== expected.offsetMs) throw wrong('offset', stream.offsetInMilliseconds, expected.offsetMs);
  if (stream.expectedPreviousToken !== expected.expectedPreviousToken) {
    throw wrong('expectedPreviousToken', stream.expectedPreviousToken, expected.expectedPreviousToken);
  }
  if ('same' in expected.nonce && token.nonce !== expected.nonce.same) throw wrong('nonce', token.nonce, expected.nonce.same);
  if ('not' in expected.nonce && token.nonce === expected.nonce.not) throw new LoadError(`${label}: REPLACE_ALL kept the old session nonce`);
  if (!stream.url?.startsWith(`${audioBaseUrl}/`)) throw wrong('stream URL', stream.url, `${audioBaseUrl}/…`);
  return token;
}
