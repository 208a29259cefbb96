/**
 * The per-request context, built once by a request interceptor before any handler runs: whose item
 * this is, the account's, the speaker, a logger bound to the listener's log id, and the clock.
 */
import type { HandlerInput, RequestInterceptor } from 'ask-sdk-core';
import type { Logger, SkillDeps } from './deps';
import { accountKey, listenerKey, logId, personOf } from './listener';

export interface RequestContext {
  /** The store key of whoever this request is for (a recognised voice, else the account). */
  listenerKey: string;
  accountKey: string;
  /** The recognised voice's hash, '' for the account. */
  person: string;
  /** Logs with the listener's short log id on every line. */
  log: Logger;
  nowMs: number;
}

const CONTEXT = 'requestContext';

export function requestContextInterceptor(deps: SkillDeps): RequestInterceptor {
  return {
    process(input) {
      const envelope = input.requestEnvelope;
      const key = listenerKey(envelope);
      const bound = { listener: logId(key) };
      const context: RequestContext = {
        listenerKey: key,
        // Only a recognised voice's writes and an erasure need it: not hashed on every playback event.
        get accountKey() {
          return accountKey(envelope);
        },
        person: personOf(envelope),
        log: {
          info: (message, fields) => deps.log.info(message, { ...bound, ...fields }),
          warn: (message, fields) => deps.log.warn(message, { ...bound, ...fields }),
          error: (message, fields) => deps.log.error(message, { ...bound, ...fields }),
        },
        nowMs: deps.now(),
      };
      input.attributesManager.getRequestAttributes()[CONTEXT] = context;
    },
  };
}

export function contextOf(input: HandlerInput): RequestContext {
  return input.attributesManager.getRequestAttributes()[CONTEXT] as RequestContext;
}
