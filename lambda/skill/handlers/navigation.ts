/** Next, previous, the Echo's buttons, and skipping to a named part: request → facts → core/session.ts → apply. */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { getSlot } from '../ask-sdk';
import type { IntentName } from '../../../models/intents';
import { moveByButton, moveByVoice, skipTo, type Move } from '../../core/session';
import { isTargetId, matchTarget } from '../../playback/targets';
import type { SkillDeps } from '../deps';
import { isIntent, isRequest } from './match';
import { respond, storedUnlessPlaying } from './respond';

const INTENT_MOVES = {
  'AMAZON.NextIntent': 'next',
  'AMAZON.PreviousIntent': 'previous',
} as const satisfies Partial<Record<IntentName, Move>>;
type MoveIntent = keyof typeof INTENT_MOVES;
const BUTTON_MOVES: Record<string, Move> = {
  'PlaybackController.NextCommandIssued': 'next',
  'PlaybackController.PreviousCommandIssued': 'previous',
};

export function navigationHandlers(deps: SkillDeps): RequestHandler[] {
  const needs = storedUnlessPlaying(deps);
  return [
    respond(
      deps,
      (input) => isIntent(input, ...(Object.keys(INTENT_MOVES) as MoveIntent[])),
      needs,
      (facts, input) => moveByVoice(facts, INTENT_MOVES[(input.requestEnvelope.request as { intent: { name: MoveIntent } }).intent.name]),
    ),
    respond(
      deps,
      (input) => isRequest(input, ...Object.keys(BUTTON_MOVES)),
      needs,
      (facts, input) => moveByButton(facts, BUTTON_MOVES[input.requestEnvelope.request.type]),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'SkipToSectionIntent'),
      needs,
      (facts, input) => skipTo(facts, resolveSectionSlot(input)),
    ),
  ];
}

/** Entity resolution's id when Alexa matched the slot type; else our own match of the raw words. */
export function resolveSectionSlot(input: HandlerInput): string | undefined {
  const slot = getSlot(input.requestEnvelope, 'section');
  if (!slot) return undefined;
  for (const authority of slot.resolutions?.resolutionsPerAuthority ?? []) {
    if (authority.status?.code !== 'ER_SUCCESS_MATCH') continue;
    const id = authority.values?.[0]?.value?.id;
    if (isTargetId(id)) return id;
  }
  return matchTarget(slot.value);
}
