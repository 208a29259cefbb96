/**
 * Erasing a listener's data: "forget me" / "delete my data" by voice (confirmed first; a recognised
 * voice erases only its own), and the skill-disabled event Alexa sends when the skill is turned
 * off for an account (everything of the account, every recognised voice included).
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { RequestEnvelope, Response } from 'ask-sdk-model';
import { forgetOrder } from '../../playback/progress';
import type { SkillDeps } from '../deps';
import { accountKey, listenerKey, logId } from '../listener';
import { devicePosition, isPlayingNow, playReplacingQueue, type Position } from '../player';
import { say } from '../speech';
import { isIntent, isRequest } from './match';

interface ForgetDialog {
  /** Where the practice was when the question was asked, to carry on if the answer is no. */
  resume?: Position;
}

export const FORGET_INTENT = 'ForgetMeIntent';
export const SKILL_DISABLED = 'AlexaSkillEvent.SkillDisabled';

export function forgetHandlers(deps: SkillDeps): RequestHandler[] {
  const dialogOf = (input: HandlerInput) => input.attributesManager.getSessionAttributes().forgetDialog as ForgetDialog | undefined;

  const erase = async (envelope: RequestEnvelope, key: string): Promise<boolean> => {
    try {
      await deps.store.forget(key, forgetOrder(envelope.request.timestamp, deps.now()));
      deps.log.info('listener data erased', { listener: logId(key), requestType: envelope.request.type });
      return true;
    } catch (error) {
      deps.log.error('listener data not erased', { listener: logId(key), error: String(error) });
      return false;
    }
  };

  const askToForget: RequestHandler = {
    canHandle: (input) => isIntent(input, FORGET_INTENT),
    handle(input) {
      const device = devicePosition(deps, input);
      const dialog: ForgetDialog = dialogOf(input) ?? { resume: isPlayingNow(device) ? device : undefined };
      input.attributesManager.setSessionAttributes({ forgetDialog: dialog });
      return input.responseBuilder.speak(say.confirmForget).reprompt(say.confirmForgetReprompt).getResponse();
    },
  };

  const answer: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.YesIntent', 'AMAZON.NoIntent') && dialogOf(input) !== undefined,
    async handle(input): Promise<Response> {
      const dialog = dialogOf(input) as ForgetDialog;
      input.attributesManager.setSessionAttributes({});
      if (isIntent(input, 'AMAZON.NoIntent')) {
        // Nothing changed, so the practice carries on as if the question had not been asked.
        if (dialog.resume) playReplacingQueue(deps, input, { ...dialog.resume, attempt: 0 });
        return input.responseBuilder.speak(say.keptData).withShouldEndSession(true).getResponse();
      }
      // No Play after erasing: the practice would only write the listener's place back at once.
      const erased = await erase(input.requestEnvelope, listenerKey(input.requestEnvelope));
      return input.responseBuilder
        .speak(erased ? say.forgotten : say.couldNotForget)
        .withShouldEndSession(true)
        .getResponse();
    },
  };

  /** The whole account: its own item and every recognised voice's the account lists. */
  const skillDisabled: RequestHandler = {
    canHandle: (input) => isRequest(input, SKILL_DISABLED),
    async handle(input) {
      const account = accountKey(input.requestEnvelope);
      let people: string[] = [];
      try {
        people = (await deps.store.load(account))?.people ?? [];
      } catch (error) {
        deps.log.error('household not read; erasing the account item only', { listener: logId(account), error: String(error) });
      }
      await Promise.all([account, ...people].map((key) => erase(input.requestEnvelope, key)));
      return input.responseBuilder.getResponse();
    },
  };

  return [askToForget, answer, skillDisabled];
}
