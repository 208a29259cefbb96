/** Tests read playback tokens through the skill's own codec, never by splitting them by hand. */
import { parseToken, type TokenFields } from '../lambda/playback/token';

export function tokenFields(token: unknown): TokenFields {
  const fields = parseToken(token);
  if (!fields) throw new Error(`not a Spine Nidra token: ${String(token)}`);
  return fields;
}

/** The segment a token points at. */
export const segmentOfToken = (token: unknown): string => tokenFields(token).segmentId;
