import { createHash } from 'node:crypto';
import type { RequestEnvelope } from 'ask-sdk-model';
import { userIdOf } from './refusal';

/**
 * The store key for a listener: a hash of the Alexa userId, so the table and logs never hold
 * the raw id. Voice profiles (personId) can extend this later.
 */
export function listenerKey(envelope: RequestEnvelope): string {
  // createSkill refuses envelopes without a user id, so no two people can share a key by accident.
  const userId = userIdOf(envelope);
  return `listener#${createHash('sha256').update(userId).digest('hex').slice(0, 40)}`;
}

/** Enough of the key to follow one listener through the logs, not enough to identify them. */
export function logId(key: string): string {
  return key.slice('listener#'.length, 'listener#'.length + 8);
}
