/**
 * AudioPlayer tokens carry the whole playback state, so the busiest events (NearlyFinished,
 * Failed) are answered without a database read. Format, pipe-separated and readable in logs:
 *   <practice>|1|<variant>|<segment>|<session nonce>|<attempt>|<sankalpa clip key>
 * and, for a recognised voice in a shared household, version 2 adds `|<person hash>` so the
 * device's events find that person's progress (AudioPlayer requests name no person). Version 3
 * adds `|<person hash or empty>|<sleep minutes>`: the sleep sounds to play after the practice (on
 * a sleep-sounds item, the minutes still to play after it), so the chain needs no database read.
 */
import type { Catalog } from './catalog';
import { isSleepMinutes } from './sleep-sounds';

export const TOKEN_VERSION = '1';
export const PERSON_TOKEN_VERSION = '2';
export const SLEEP_TOKEN_VERSION = '3';
export const MAX_TOKEN_LENGTH = 1024;

export interface PlaybackState {
  variant: string;
  segmentId: string;
  /** Identifies one listening session: a fresh start or jump gets a new one; enqueues keep it. */
  nonce: string;
  /** 0 normally; 1 when this item is the single retry after a PlaybackFailed. */
  attempt: 0 | 1;
  /** Content key of the listener's personal sankalpa clip, or '' when none. */
  clip: string;
  /** Hash of the recognised voice (see skill/listener.ts), or ''/absent for the account. */
  person?: string;
  /** Minutes of sleep sounds after the practice (playback/sleep-sounds.ts); absent for none. */
  sleep?: number;
}

/** A person hash, as skill/listener.ts makes it. */
export const PERSON_HASH = /^[a-f0-9]{16}$/;

const NONCE = /^[a-z0-9]{4,16}$/;
/** A personal clip key (see sankalpa/clips.ts clipKey), or empty for none. */
export const CLIP_KEY = /^([a-f0-9]{16})?$/;

export function encodeToken(catalog: Catalog, state: PlaybackState): string {
  const person = state.person ?? '';
  const sleep = state.sleep && isSleepMinutes(state.sleep) ? String(state.sleep) : '';
  const version = sleep ? SLEEP_TOKEN_VERSION : person ? PERSON_TOKEN_VERSION : TOKEN_VERSION;
  const tail = sleep ? [person, sleep] : person ? [person] : [];
  return [catalog.practiceId, version, state.variant, state.segmentId, state.nonce, String(state.attempt), state.clip, ...tail].join('|');
}

/** A token's fields as written, before the catalog is consulted: what `parseToken` reads. */
export interface TokenFields extends PlaybackState {
  practiceId: string;
  version: typeof TOKEN_VERSION | typeof PERSON_TOKEN_VERSION | typeof SLEEP_TOKEN_VERSION;
}

/**
 * Reads a token's shape alone (any practice, any variant or segment name), for whoever needs its
 * fields without the catalog: the person hash on a device event, the simulator's display, tests.
 * Anything not shaped like a token this skill writes is undefined. Never throws.
 */
export function parseToken(token: unknown): TokenFields | undefined {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  const fields = token.split('|');
  const [practiceId, version, variant, segmentId, nonce, attempt, clip, person = '', sleep = ''] = fields;
  const shapeOk =
    (version === TOKEN_VERSION && fields.length === 7) ||
    (version === PERSON_TOKEN_VERSION && fields.length === 8 && PERSON_HASH.test(person)) ||
    (version === SLEEP_TOKEN_VERSION &&
      fields.length === 9 &&
      (person === '' || PERSON_HASH.test(person)) &&
      /^\d{1,3}$/.test(sleep) &&
      isSleepMinutes(Number(sleep)));
  if (!shapeOk || !NONCE.test(nonce) || (attempt !== '0' && attempt !== '1') || !CLIP_KEY.test(clip)) return undefined;
  return {
    practiceId,
    version,
    variant,
    segmentId,
    nonce,
    attempt: attempt === '1' ? 1 : 0,
    clip,
    ...(person ? { person } : {}),
    ...(sleep ? { sleep: Number(sleep) } : {}),
  };
}

/**
 * Reads a token defensively: anything the skill did not issue, or that points outside the
 * practice, is "no state" (undefined). Never throws.
 */
export function decodeToken(
  catalog: Catalog,
  token: unknown,
  isPlayable: (variant: string, segmentId: string) => boolean,
): PlaybackState | undefined {
  const fields = parseToken(token);
  if (!fields || fields.practiceId !== catalog.practiceId) return undefined;
  const { practiceId: _practice, version: _version, ...state } = fields;
  if (!Object.hasOwn(catalog.variants, state.variant)) return undefined;
  if (!isPlayable(state.variant, state.segmentId)) return undefined;
  return state;
}

export function newNonce(random: () => number = Math.random): string {
  let nonce = '';
  for (let i = 0; i < 8; i += 1) nonce += Math.floor(random() * 36).toString(36);
  return nonce;
}
