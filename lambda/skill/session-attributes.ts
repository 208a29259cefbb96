/**
 * Session attributes come back to the skill inside the request, so they are input like any other:
 * this interceptor keeps only the dialogs the skill itself writes, in the shapes it writes them,
 * before any handler reads them. Anything else (unknown keys, wrong types, places that are not in
 * the practice, oversized text) is dropped, so it can neither steer playback nor be echoed back.
 */
import type { RequestInterceptor } from 'ask-sdk-core';
import type { Catalog } from '../playback/catalog';
import { isPlayable } from '../playback/plan';
import { CLIP_KEY } from '../playback/token';
import { MAX_SANKALPA_CHARS } from '../sankalpa/phrase';
import { isBedtimeDialog } from './bedtime';
import type { Logger } from './deps';

type Check = (value: unknown, catalog: Catalog) => boolean;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isShortText = (value: unknown, max = MAX_SANKALPA_CHARS) => typeof value === 'string' && value.length <= max;
const isOffset = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const optional = (check: (value: unknown) => boolean) => (value: unknown) => value === undefined || check(value);

/** A place in the practice, as resume offers and dialogs remember it. */
export const isPlace: Check = (value, catalog) =>
  isRecord(value) &&
  typeof value.variant === 'string' &&
  typeof value.segmentId === 'string' &&
  isPlayable(catalog, value.variant, value.segmentId) &&
  isOffset(value.offsetMs) &&
  typeof value.clip === 'string' &&
  CLIP_KEY.test(value.clip) &&
  optional((nonce) => typeof nonce === 'string' && /^[a-z0-9]{4,16}$/.test(nonce))(value.nonce) &&
  optional((attempt) => attempt === 0 || attempt === 1)(value.attempt);

const SHAPES: Record<string, Check> = {
  resumeOffer: isPlace,
  sankalpaDialog: (value, catalog) =>
    isRecord(value) &&
    ['awaiting-phrase', 'confirm-set', 'confirm-clear', 'choose-idea'].includes(value.step as string) &&
    optional(isShortText)(value.text) &&
    optional((ideas) => Array.isArray(ideas) && ideas.length <= 3 && ideas.every((idea) => isShortText(idea)))(value.ideas) &&
    Number.isInteger(value.misses) && (value.misses as number) >= 0 && (value.misses as number) <= 2 &&
    optional((place) => isPlace(place, catalog))(value.resume),
  forgetDialog: (value, catalog) => isRecord(value) && optional((place) => isPlace(place, catalog))(value.resume),
  bedtimeDialog: isBedtimeDialog,
};

/** The known dialogs that are well formed; everything else removed. */
export function cleanSessionAttributes(attributes: unknown, catalog: Catalog): Record<string, unknown> {
  if (!isRecord(attributes)) return {};
  return Object.fromEntries(
    Object.entries(SHAPES)
      .filter(([key, isValid]) => Object.hasOwn(attributes, key) && isValid(attributes[key], catalog))
      .map(([key]) => [key, attributes[key]]),
  );
}

export function sessionAttributesInterceptor(catalog: Catalog, log: Logger): RequestInterceptor {
  return {
    process(input) {
      if (!input.requestEnvelope.session) return;
      const received = input.attributesManager.getSessionAttributes();
      const cleaned = cleanSessionAttributes(received, catalog);
      if (Object.keys(cleaned).length !== Object.keys(received ?? {}).length) {
        log.warn('unexpected session attributes dropped', { kept: Object.keys(cleaned) });
      }
      input.attributesManager.setSessionAttributes(cleaned);
    },
  };
}
