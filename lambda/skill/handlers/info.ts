import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { timeLeftMs } from '../../playback/plan';
import type { SkillDeps } from '../deps';
import { currentPosition } from '../listener-state';
import { devicePosition, isPlayingNow, partTitle, speakThenCarryOn } from '../player';
import { minutesPhrase, say } from '../speech';
import { isIntent } from './match';

export function infoHandlers(deps: SkillDeps): RequestHandler[] {
  const answer = (input: HandlerInput, speech: string, reprompt?: string): Response => {
    speakThenCarryOn(deps, input, speech, reprompt);
    return input.responseBuilder.getResponse();
  };

  const timeLeft: RequestHandler = {
    canHandle: (input) => isIntent(input, 'TimeLeftIntent'),
    async handle(input) {
      const here = await currentPosition(deps, input);
      if (!here) {
        const variant = deps.catalog.variants[deps.catalog.defaultVariant];
        return answer(input, say.notStarted(minutesPhrase(timeLeftMs(deps.catalog, deps.catalog.defaultVariant, variant[0], 0))));
      }
      const left = minutesPhrase(timeLeftMs(deps.catalog, here.variant, here.segmentId, here.offsetMs));
      const title = partTitle(deps, here.segmentId);
      const speech = isPlayingNow(devicePosition(deps, input)) ? say.timeLeft(title, left) : say.timeLeftPaused(title, left);
      return answer(input, speech);
    },
  };

  const loopOrShuffle: RequestHandler = {
    canHandle: (input) =>
      isIntent(input, 'AMAZON.LoopOnIntent', 'AMAZON.LoopOffIntent', 'AMAZON.ShuffleOnIntent', 'AMAZON.ShuffleOffIntent'),
    handle: (input) => answer(input, say.inOrderOnly),
  };

  const help: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.HelpIntent'),
    handle: (input) => answer(input, say.help, say.helpReprompt),
  };

  const fallback: RequestHandler = {
    // Yes or No with no question pending lands here too.
    canHandle: (input) => isIntent(input, 'AMAZON.FallbackIntent', 'AMAZON.YesIntent', 'AMAZON.NoIntent'),
    handle: (input) => answer(input, say.fallback, say.helpReprompt),
  };

  return [timeLeft, loopOrShuffle, help, fallback];
}
