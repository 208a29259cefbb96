/**
 * Which envelopes the skill serves at all. Alexa always sends a request type, a timestamp, the
 * application id and a user id; anything else is not a request from Alexa for this skill, and
 * answering it could read or write a listener's item that is nobody's (or somebody else's).
 */
import type { RequestEnvelope } from 'ask-sdk-model';

export class RequestRefusedError extends Error {
  override name = 'RequestRefusedError';
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 1_000;

export function refusalReason(envelope: unknown, skillId: string | undefined): string | undefined {
  if (!envelope || typeof envelope !== 'object') return 'not a request envelope';
  // biome-ignore lint/suspicious/noExplicitAny: an untrusted envelope, read field by field with checks on each.
  const { request, context, session } = envelope as Partial<Record<'request' | 'context' | 'session', Record<string, any>>>;
  if (!request || typeof request !== 'object' || !isText(request.type)) return 'no request type';
  const system = context?.System;
  // Alexa always names the skill in the context (the SDK's own skill id check reads it there); a
  // session's copy is only checked against it.
  const applicationId = system?.application?.applicationId;
  if (!isText(applicationId)) return 'no application id';
  if (skillId && applicationId !== skillId) return 'a request for another skill';
  if (session && session.application?.applicationId !== undefined && session.application.applicationId !== applicationId) {
    return 'session and context name different skills';
  }
  const userId = system?.user?.userId ?? request.body?.userId;
  if (!isText(userId)) return 'no user id';
  if (session?.user?.userId !== undefined && session.user.userId !== userId) return 'session and context name different users';
  return undefined;
}

/** The user id refusalReason accepted; skill events may carry it only in their body. */
export function userIdOf(envelope: RequestEnvelope): string {
  const body = (envelope.request as { body?: { userId?: string } } | undefined)?.body;
  return envelope.context?.System?.user?.userId ?? body?.userId ?? '';
}
