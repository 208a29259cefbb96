/**
 * AudioPlayer tokens carry the whole playback state, so the busiest events (NearlyFinished,
 * Failed) are answered without a database read. Format, pipe-separated and readable in logs:
 *   <practice>|<version>|<variant>|<segment>|<session nonce>|<attempt>|<sankalpa clip key>
 */
import type { Catalog } from './catalog';

export const TOKEN_VERSION = '1';
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
}

const NONCE = /^[a-z0-9]{4,16}$/;
/** A personal clip key (see sankalpa/clips.ts clipKey), or empty for none. */
export const CLIP_KEY = /^([a-f0-9]{16})?$/;

export function encodeToken(catalog: Catalog, state: PlaybackState): string {
  return [
    catalog.practiceId,
    TOKEN_VERSION,
    state.variant,
    state.segmentId,
    state.nonce,
    String(state.attempt),
    state.clip,
  ].join('|');
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
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  const fields = token.split('|');
  if (fields.length !== 7) return undefined;
  const [practiceId, version, variant, segmentId, nonce, attempt, clip] = fields;
  if (practiceId !== catalog.practiceId || version !== TOKEN_VERSION) return undefined;
  if (!Object.hasOwn(catalog.variants, variant)) return undefined;
  if (!isPlayable(variant, segmentId)) return undefined;
  if (!NONCE.test(nonce) || (attempt !== '0' && attempt !== '1') || !CLIP_KEY.test(clip)) return undefined;
  return { variant, segmentId, nonce, attempt: attempt === '1' ? 1 : 0, clip };
}

export function newNonce(random: () => number = Math.random): string {
  let nonce = '';
  for (let i = 0; i < 8; i += 1) nonce += Math.floor(random() * 36).toString(36);
  return nonce;
}
