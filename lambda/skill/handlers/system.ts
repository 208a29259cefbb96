import type { ErrorHandler, RequestHandler } from 'ask-sdk-core';
import { getRequestType } from '../ask-sdk';
import { say } from '../../core/speech';
import { errorKind } from '../metrics';
import { fallback } from '../../core/session';
import { contextOf } from '../context';
import type { SkillDeps } from '../deps';
import { isDeviceEvent, isRequest } from './match';
import { respond } from './respond';

export function systemHandlers(deps: SkillDeps): RequestHandler[] {
  const sessionEnded: RequestHandler = {
    canHandle: (input) => isRequest(input, 'SessionEndedRequest'),
    handle: (input) => input.responseBuilder.getResponse(),
  };

  const exceptionEncountered: RequestHandler = {
    canHandle: (input) => isRequest(input, 'System.ExceptionEncountered'),
    handle(input) {
      const request = input.requestEnvelope.request as { error?: { type?: string; message?: string }; cause?: { requestId?: string } };
      deps.log.error('device reported an exception', { errorType: request.error?.type, errorMessage: request.error?.message });
      return input.responseBuilder.getResponse();
    },
  };

  /**
   * Last in line: an intent the model does not declare gets the fallback's answer; any other
   * request type (an event the skill does not subscribe to, a type Alexa adds later) a quiet,
   * empty answer and an info line, not an error.
   */
  const unhandled = respond(
    deps,
    () => true,
    (input) => ({ clock: getRequestType(input.requestEnvelope) === 'IntentRequest' }),
    (facts, input) => {
      const requestType = getRequestType(input.requestEnvelope);
      contextOf(input).log.info('request type not handled; answered quietly', { requestType: requestType.slice(0, 80) });
      return requestType === 'IntentRequest' ? fallback(facts) : {};
    },
  );

  return [sessionEnded, exceptionEncountered, unhandled];
}

/**
 * The last line of defence: anything unexpected gets a calm sentence, or for device events
 * (which must never speak) an empty answer. Nothing the listener saved is touched.
 */
export function calmErrorHandler(deps: SkillDeps): ErrorHandler {
  return {
    canHandle: () => true,
    handle(input, error) {
      const type = getRequestType(input.requestEnvelope);
      deps.log.error('request failed', { requestType: type, error: error.message });
      deps.log.metric?.(`Error.${errorKind(error)}`, 'all');
      if (isDeviceEvent(input) || type === 'SessionEndedRequest' || type.startsWith('System.')) {
        return input.responseBuilder.getResponse();
      }
      return input.responseBuilder.speak(say.somethingWrong).withShouldEndSession(true).getResponse();
    },
  };
}
