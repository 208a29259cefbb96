import { createHash } from 'node:crypto';
import type { RequestEnvelope } from 'ask-sdk-model';
import { parseToken } from '../playback/token';
import { userIdOf } from './refusal';

/**
 * The store key for a listener: a hash of the Alexa userId, so the table and logs never hold
 * the raw id. A recognised voice (personId) in a shared household gets its own key.
 */
export function listenerKey(envelope: RequestEnvelope, person = personOf(envelope)): string {
  // createSkill refuses envelopes without a user id, so no two people can share a key by accident.
  const userId = userIdOf(envelope);
  const id = person ? `${userId}\nperson:${person}` : userId;
  return `listener#${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
}

/** The account's own key, whoever is speaking: where a household's recognised voices are listed. */
export function accountKey(envelope: RequestEnvelope): string {
  return listenerKey(envelope, '');
}

/**
 * The recognised voice a request belongs to, as a short hash: the speaker Alexa recognised, else
 * for the Echo's own requests (AudioPlayer events and buttons name no speaker) the person whose
 * practice it is playing, from the token. '' for the account.
 */
export function personOf(envelope: RequestEnvelope): string {
  const personId = envelope.context?.System?.person?.personId;
  if (typeof personId === 'string' && personId) return personHash(personId);
  // A voice Alexa did not recognise is the account's, whoever's practice the Echo last played.
  const type = String(envelope.request?.type ?? '');
  if (!type.startsWith('AudioPlayer.') && !type.startsWith('PlaybackController.')) return '';
  const request = envelope.request as { token?: unknown };
  const token = typeof request?.token === 'string' ? request.token : envelope.context?.AudioPlayer?.token;
  return parseToken(token)?.person ?? '';
}

export function personHash(personId: string): string {
  return createHash('sha256').update(`person:${personId}`).digest('hex').slice(0, 16);
}

/** Enough of the key to follow one listener through the logs, not enough to identify them. */
export function logId(key: string): string {
  return key.slice('listener#'.length, 'listener#'.length + 8);
}
