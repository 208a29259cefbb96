/**
 * Alexa's answers to the bedtime offer's hand-overs: the routine offer (SessionResumedRequest) and
 * the reminders permission question (Connections.Response). The offer itself is made at launch,
 * and the reminder's yes or no go through answers.ts; decisions in core/bedtime-offer.ts.
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { REMINDERS_SCOPE } from '../../alexa/reminders';
import { type ResumedCause, routineOfferResult } from '../../alexa/routines';
import { dialogFromToken, isBedtimeToken } from '../../core/bedtime';
import { answerPermission, answerRoutineOffer, plannedOffer, unexpectedConnectionsResponse } from '../../core/bedtime-offer';
import { contextOf } from '../context';
import type { SkillDeps } from '../deps';
import { isRequest } from './match';
import { respond } from './respond';

/** Connections.Response as Alexa sends it for AskFor (ask-sdk-model types it loosely). */
interface ConnectionsAnswer {
  name?: string;
  token?: string;
  status?: { code?: string | number };
  payload?: { status?: string; permissionScope?: string; isCardThrown?: boolean };
}

const connectionsAnswer = (input: HandlerInput) => input.requestEnvelope.request as unknown as ConnectionsAnswer;
const EVERYTHING = { record: true, clock: true } as const;

function isPermissionAnswer(input: HandlerInput): boolean {
  if (!isRequest(input, 'Connections.Response')) return false;
  const request = connectionsAnswer(input);
  return request.name === 'AskFor' && (request.payload?.permissionScope === REMINDERS_SCOPE || isBedtimeToken(request.token));
}

const resumedCause = (input: HandlerInput) => (input.requestEnvelope.request as { cause?: ResumedCause }).cause;

export function bedtimeOfferHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    // The routine offer's outcome. Any other resumed session is not ours to record: the practice begins.
    respond(
      deps,
      (input) => isRequest(input, 'SessionResumedRequest'),
      EVERYTHING,
      (facts, input) => {
        const cause = resumedCause(input);
        const statusCode = String(cause?.status?.code ?? '').slice(0, 8);
        if (!isBedtimeToken(cause?.token, 'bedtime-routine')) {
          contextOf(input).log.warn('unexpected SessionResumedRequest', { statusCode });
          return unexpectedConnectionsResponse(facts);
        }
        const result = routineOfferResult(cause);
        contextOf(input).log.info('routine offer answered', { result, statusCode });
        return answerRoutineOffer(dialogFromToken(cause?.token, 'bedtime-routine'), facts, result);
      },
    ),
    respond(deps, isPermissionAnswer, EVERYTHING, (facts, input) => {
      const request = connectionsAnswer(input);
      const statusCode = String(request.status?.code ?? '');
      if (statusCode !== '200') contextOf(input).log.warn('reminder permission request failed', { statusCode });
      const offer = dialogFromToken(request.token) ?? (facts.dialog?.kind === 'bedtime-offer' ? facts.dialog.offer : plannedOffer(facts));
      return answerPermission(offer, facts, { statusCode, status: request.payload?.status, isCardThrown: request.payload?.isCardThrown });
    }),
    // Any other Connections.Response: the skill sent no such request, so it simply begins the practice.
    respond(
      deps,
      (input) => isRequest(input, 'Connections.Response'),
      EVERYTHING,
      (facts, input) => {
        const request = connectionsAnswer(input);
        contextOf(input).log.warn('unexpected Connections.Response', {
          name: String(request.name).slice(0, 40),
          statusCode: String(request.status?.code ?? ''),
        });
        return unexpectedConnectionsResponse(facts);
      },
    ),
  ];
}
