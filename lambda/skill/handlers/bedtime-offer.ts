/**
 * "Starting at bedtime": once, at the first launch after a whole practice, Spine Nidra offers a
 * daily Alexa reminder at the time the listener usually begins. Whatever the answer (yes, no,
 * permission granted or refused, the Reminders API failing), it is recorded so the question never
 * comes back, and the practice then begins as launch would begin it.
 *
 * Alternative considered: offering an Alexa routine (the AMAZON.OfferAutomation task), which could
 * open the skill itself at that time. It needs a custom task in the skill package, its daily
 * recurrence and operations block are not fully documented, and a routine that starts audio
 * unasked in a bedroom is a heavier thing to offer in one sentence at bedtime. A reminder only
 * speaks, is documented end to end for custom skills, and the listener stays the one who starts.
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { askForRemindersDirective, createDailyReminder, hasRemindersPermission, REMINDERS_SCOPE } from '../../alexa/reminders';
import type { BedtimeOffer, ListenerRecord } from '../../store/types';
import {
  bedtimeSay,
  dialogFromToken,
  dialogToken,
  isBedtimeDialog,
  isBedtimeToken,
  usualPracticeTime,
  type BedtimeDialog,
} from '../bedtime';
import type { SkillDeps } from '../deps';
import { listenerKey, logId } from '../listener';
import { loadListener, startFresh } from '../listener-state';
import { localClock } from '../local-clock';
import { isIntent, isRequest } from './match';

export { isBedtimeOfferDue } from '../bedtime';

/** Connections.Response as Alexa sends it for AskFor (ask-sdk-model types it loosely). */
interface ConnectionsAnswer {
  name?: string;
  token?: string;
  status?: { code?: string | number };
  payload?: { status?: string; permissionScope?: string; isCardThrown?: boolean };
}

const connectionsAnswer = (input: HandlerInput) => input.requestEnvelope.request as unknown as ConnectionsAnswer;

const dialogOf = (input: HandlerInput): BedtimeDialog | undefined => {
  const dialog: unknown = input.attributesManager.getSessionAttributes()?.bedtimeDialog;
  return isBedtimeDialog(dialog) ? dialog : undefined;
};

async function planDialog(deps: SkillDeps, input: HandlerInput, record: ListenerRecord | undefined): Promise<BedtimeDialog> {
  // The same once-per-request look-up as the night voice, so the offer adds no second call.
  const { zone } = await localClock(deps, input);
  const usual = usualPracticeTime(record ?? { startedCount: 0, completedCount: 0 }, deps.now(), zone);
  return { ...usual, zone };
}

async function recordAnswer(deps: SkillDeps, input: HandlerInput, answer: BedtimeOffer['answer']): Promise<void> {
  const key = listenerKey(input.requestEnvelope);
  try {
    await deps.store.recordBedtimeOffer(key, { at: new Date(deps.now()).toISOString(), answer });
    deps.log.info('bedtime reminder offer recorded', { listener: logId(key), answer });
  } catch (error) {
    // The practice matters more than the record; at worst the offer is made once more.
    deps.log.warn('bedtime reminder offer not recorded', { listener: logId(key), answer, error: String(error) });
  }
}

/**
 * Every path ends here: the dialog is over and the practice plays from its first part, with the
 * listener's sankalpa clip and chosen variant, as launch would have played it.
 */
async function begin(deps: SkillDeps, input: HandlerInput, speech: string, consentCard = false): Promise<Response> {
  const record = await loadListener(deps, input);
  input.attributesManager.setSessionAttributes({});
  if (consentCard) input.responseBuilder.withAskForPermissionsConsentCard([REMINDERS_SCOPE]);
  await startFresh(deps, input, record, speech);
  return input.responseBuilder.getResponse();
}

/**
 * Hands the listener to Alexa's own permission question. Alexa allows no AudioPlayer directive and
 * no reprompt beside it, and the session ends; the answer comes back as Connections.Response.
 */
function askPermission(input: HandlerInput, dialog: BedtimeDialog): Response {
  input.attributesManager.setSessionAttributes({});
  return input.responseBuilder.addDirective(askForRemindersDirective(dialogToken(dialog))).withShouldEndSession(true).getResponse();
}

/** The question, asked at launch (launch.ts decides when it fits). */
export async function offerBedtimeReminder(deps: SkillDeps, input: HandlerInput, record: ListenerRecord): Promise<Response> {
  // Recorded as soon as it is asked, so it is never asked twice, even if the answer never comes.
  const [dialog] = await Promise.all([planDialog(deps, input, record), recordAnswer(deps, input, 'unanswered')]);
  input.attributesManager.setSessionAttributes({ bedtimeDialog: dialog });
  return input.responseBuilder
    .speak(bedtimeSay.offer(dialog))
    .reprompt(bedtimeSay.offerReprompt(dialog))
    .withShouldEndSession(false)
    .getResponse();
}

export function bedtimeOfferHandlers(deps: SkillDeps): RequestHandler[] {
  /** Creates the reminder; a refused grant is asked for once by voice when `mayAsk`, else accepted as no. */
  const createThenBegin = async (input: HandlerInput, dialog: BedtimeDialog, mayAsk: boolean): Promise<Response> => {
    const result = await createDailyReminder(input.requestEnvelope, dialog, dialog.zone, deps.now(), bedtimeSay.reminderText);
    if (result.outcome === 'created') {
      await recordAnswer(deps, input, 'accepted');
      return begin(deps, input, bedtimeSay.created(dialog));
    }
    deps.log.warn('bedtime reminder not created', {
      listener: logId(listenerKey(input.requestEnvelope)),
      outcome: result.outcome,
      status: result.status,
      code: result.code,
    });
    if (result.outcome === 'no-permission' && mayAsk) return askPermission(input, dialog);
    await recordAnswer(deps, input, result.outcome);
    return result.outcome === 'no-permission'
      ? begin(deps, input, bedtimeSay.noPermissionCard, true)
      : begin(deps, input, bedtimeSay.failed);
  };

  const answer: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.YesIntent', 'AMAZON.NoIntent') && dialogOf(input) !== undefined,
    async handle(input) {
      const dialog = dialogOf(input) as BedtimeDialog;
      if (isIntent(input, 'AMAZON.NoIntent')) {
        await recordAnswer(deps, input, 'declined');
        return begin(deps, input, bedtimeSay.declined);
      }
      if (!hasRemindersPermission(input.requestEnvelope)) return askPermission(input, dialog);
      return createThenBegin(input, dialog, true);
    },
  };

  /** Alexa's answer to the AskFor: ACCEPTED, DENIED or NOT_ANSWERED, or an error status. */
  const permissionAnswer: RequestHandler = {
    canHandle(input) {
      if (!isRequest(input, 'Connections.Response')) return false;
      const request = connectionsAnswer(input);
      return request.name === 'AskFor' && (request.payload?.permissionScope === REMINDERS_SCOPE || isBedtimeToken(request.token));
    },
    async handle(input) {
      const request = connectionsAnswer(input);
      const dialog =
        dialogFromToken(request.token) ?? dialogOf(input) ?? (await planDialog(deps, input, await loadListener(deps, input)));
      const code = String(request.status?.code ?? '');
      if (code !== '200') {
        // 400 means the manifest lacks the permission; 500, Alexa failed. Neither is the listener's doing.
        deps.log.warn('reminder permission request failed', { statusCode: code });
        await recordAnswer(deps, input, 'failed');
        return begin(deps, input, bedtimeSay.failed);
      }
      const status = request.payload?.status;
      if (status === 'ACCEPTED') return createThenBegin(input, dialog, false);
      await recordAnswer(deps, input, status === 'DENIED' ? 'no-permission' : 'unanswered');
      // Amazon's samples leave a consent card unless Alexa already sent one, so a later yes is easy.
      return request.payload?.isCardThrown
        ? begin(deps, input, bedtimeSay.noPermission)
        : begin(deps, input, bedtimeSay.noPermissionCard, true);
    },
  };

  /** Any other Connections.Response: the skill sent no such request, so it simply begins the practice. */
  const otherConnectionsResponse: RequestHandler = {
    canHandle: (input) => isRequest(input, 'Connections.Response'),
    async handle(input) {
      const request = connectionsAnswer(input);
      deps.log.warn('unexpected Connections.Response', { name: String(request.name).slice(0, 40), statusCode: String(request.status?.code ?? '') });
      return begin(deps, input, bedtimeSay.welcomeAgain);
    },
  };

  return [answer, permissionAnswer, otherConnectionsResponse];
}
