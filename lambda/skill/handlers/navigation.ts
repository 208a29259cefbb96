import { getSlot, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { nextPart, partOf, previousPart, startOfTarget } from '../../playback/plan';
import { isTargetId, matchTarget } from '../../playback/targets';
import type { SkillDeps } from '../deps';
import { clipOf, loadListener, preferredVariant, startFresh, storedPosition } from '../listener-state';
import type { ListenerRecord } from '../../store/types';
import { devicePosition, partTitle, playReplacingQueue, speakThenCarryOn, startAt, type Position } from '../player';
import { say } from '../speech';
import { isIntent, isRequest } from './match';

type Move = 'next' | 'previous' | 'repeat';

/**
 * Where a move lands: a new place, 'end' past the last part, or { record } when nothing was
 * playing or stored (the read that found that also knows how the listener starts afresh).
 */
async function planMove(deps: SkillDeps, input: HandlerInput, move: Move): Promise<Position | 'end' | { record: ListenerRecord | undefined }> {
  const device = devicePosition(deps, input);
  const record = device ? undefined : await loadListener(deps, input);
  const here = device ?? storedPosition(deps, record);
  if (!here) return { record };
  const target =
    move === 'next'
      ? nextPart(deps.catalog, here.variant, here.segmentId)
      : move === 'previous'
        ? previousPart(deps.catalog, here.variant, here.segmentId, here.offsetMs)
        : partOf(here.segmentId);
  return target ? startAt(deps, here.variant, target, here.clip) : 'end';
}

const INTENT_MOVES: Record<string, Move> = {
  'AMAZON.NextIntent': 'next',
  'AMAZON.PreviousIntent': 'previous',
  'AMAZON.RepeatIntent': 'repeat',
};
const BUTTON_MOVES: Record<string, Move> = {
  'PlaybackController.NextCommandIssued': 'next',
  'PlaybackController.PreviousCommandIssued': 'previous',
};

export function navigationHandlers(deps: SkillDeps): RequestHandler[] {
  const moveByVoice: RequestHandler = {
    canHandle: (input) => isIntent(input, ...Object.keys(INTENT_MOVES)),
    async handle(input) {
      const move = INTENT_MOVES[(input.requestEnvelope.request as { intent: { name: string } }).intent.name];
      const landing = await planMove(deps, input, move);
      if (landing === 'end') speakThenCarryOn(deps, input, say.lastPart);
      else if (!('segmentId' in landing)) await startFresh(deps, input, landing.record, say.nothingToResume);
      else {
        playReplacingQueue(deps, input, landing);
        input.responseBuilder.withShouldEndSession(true);
        if (move === 'next') deps.log.metric?.('Skip', landing.variant);
      }
      return input.responseBuilder.getResponse();
    },
  };

  /** The Echo's hardware buttons: directives only, never speech. */
  const moveByButton: RequestHandler = {
    canHandle: (input) => isRequest(input, ...Object.keys(BUTTON_MOVES)),
    async handle(input) {
      const move = BUTTON_MOVES[input.requestEnvelope.request.type];
      const landing = await planMove(deps, input, move);
      if (landing !== 'end' && 'segmentId' in landing) {
        playReplacingQueue(deps, input, landing);
        if (move === 'next') deps.log.metric?.('Skip', landing.variant);
      }
      return input.responseBuilder.getResponse();
    },
  };

  const skipToSection: RequestHandler = {
    canHandle: (input) => isIntent(input, 'SkipToSectionIntent'),
    async handle(input) {
      const device = devicePosition(deps, input);
      const targetId = resolveSectionSlot(input);
      if (!targetId) return answerUnknownPart(deps, input);
      // Nothing playing: a fresh practice, as this listener has chosen to hear it.
      const record = device ? undefined : await loadListener(deps, input);
      const preferred = device?.variant ?? (await preferredVariant(deps, input, record));
      // A part the chosen variant leaves out (the body scan in the short practice) is in the standard one.
      const variant = startOfTarget(deps.catalog, preferred, targetId) ? preferred : sameMixStandard(deps, preferred);
      const segmentId = startOfTarget(deps.catalog, variant, targetId);
      if (!segmentId) return answerUnknownPart(deps, input);
      const clip = device?.clip ?? clipOf(record);
      playReplacingQueue(deps, input, startAt(deps, variant, segmentId, clip));
      if (device) deps.log.metric?.('Skip', variant);
      return input.responseBuilder
        .speak(say.skippingTo(partTitle(deps, segmentId)))
        .withShouldEndSession(true)
        .getResponse();
    },
  };

  return [moveByVoice, moveByButton, skipToSection];
}

/** The standard practice in the same mix as `variant` (with or without the nature bed). */
function sameMixStandard(deps: SkillDeps, variant: string): string {
  const plain = `${deps.catalog.defaultVariant}-plain`;
  return variant.endsWith('-plain') && Object.hasOwn(deps.catalog.variants, plain) ? plain : deps.catalog.defaultVariant;
}

/** Entity resolution's id when Alexa matched the slot type; else our own match of the raw words. */
export function resolveSectionSlot(input: HandlerInput): string | undefined {
  const slot = getSlot(input.requestEnvelope, 'section');
  if (!slot) return undefined;
  const authorities = slot.resolutions?.resolutionsPerAuthority ?? [];
  for (const authority of authorities) {
    if (authority.status?.code !== 'ER_SUCCESS_MATCH') continue;
    const id = authority.values?.[0]?.value?.id;
    if (isTargetId(id)) return id;
  }
  return matchTarget(slot.value);
}

function answerUnknownPart(deps: SkillDeps, input: HandlerInput): Response {
  const variant = deps.catalog.variants[deps.catalog.defaultVariant];
  const sectionTitles = [...new Map(variant.map((id) => [deps.catalog.segments[id].sectionId, deps.catalog.segments[id].sectionTitle])).values()];
  speakThenCarryOn(deps, input, say.unknownPart(sectionTitles), say.whichPart);
  return input.responseBuilder.getResponse();
}
