/**
 * Alexa's answers to the reminders permission question (Connections.Response). The offer itself is
 * made at launch, and its yes or no go through answers.ts; decisions in core/bedtime-offer.ts.
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { REMINDERS_SCOPE } from '../../alexa/reminders';
import { dialogFromToken, isBedtimeToken } from '../../core/bedtime';
import { answerPermission, plannedOffer, unexpectedConnectionsResponse } from '../../core/bedtime-offer';
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

export function bedtimeOfferHandlers(deps: SkillDeps): RequestHandler[] {
  return [
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
