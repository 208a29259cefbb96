/**
 * Session attributes come back to the skill inside the request, so they are input like any other:
 * this interceptor keeps only the one dialog the skill writes (core/dialog.ts), in a shape it
 * writes, before any handler reads it. Anything else (unknown keys, wrong types, places that are
 * not in the practice, oversized text) is dropped, so it can neither steer playback nor be echoed back.
 */
import type { RequestInterceptor } from 'ask-sdk-core';
import { DIALOG_KEY, isDialog } from '../core/dialog';
import type { Catalog } from '../playback/catalog';
import type { Logger } from './deps';

/** The dialog, when well formed; everything else removed. */
export function cleanSessionAttributes(attributes: unknown, catalog: Catalog): Record<string, unknown> {
  const dialog = (attributes as Record<string, unknown> | null | undefined)?.[DIALOG_KEY];
  return typeof attributes === 'object' && attributes !== null && isDialog(dialog, catalog) ? { [DIALOG_KEY]: dialog } : {};
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
