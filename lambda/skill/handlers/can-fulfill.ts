/** CanFulfillIntentRequest: whether this skill could serve an utterance, from the request alone (no store call). */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Slot } from 'ask-sdk-model';
import { canFulfillIntent, type AskedSlot } from '../../core/can-fulfill';
import type { SkillDeps } from '../deps';
import { isRequest } from './match';
import { respond } from './respond';

function askedSlots(input: HandlerInput): Record<string, AskedSlot> {
  const slots = (input.requestEnvelope.request as { intent?: { slots?: Record<string, Slot> } }).intent?.slots ?? {};
  return Object.fromEntries(
    Object.entries(slots)
      .filter(([, slot]) => slot && typeof slot === 'object')
      .map(([name, slot]) => {
        const resolved = slot.resolutions?.resolutionsPerAuthority?.find((a) => a.status?.code === 'ER_SUCCESS_MATCH')?.values?.[0]?.value?.id;
        return [name, { value: typeof slot.value === 'string' ? slot.value : undefined, resolvedId: resolved }];
      }),
  );
}

export function canFulfillHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    respond(
      deps,
      (input) => isRequest(input, 'CanFulfillIntentRequest'),
      {},
      (_facts, input) => {
        const name = (input.requestEnvelope.request as { intent?: { name?: unknown } }).intent?.name;
        return { canFulfill: canFulfillIntent(typeof name === 'string' ? name : '', askedSlots(input)) };
      },
    ),
  ];
}
