import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { timeLeftMs } from '../../playback/plan';
import type { SkillDeps } from '../deps';
import { currentPosition } from '../listener-state';
import { isNight } from '../../playback/preferences';
import { localClock } from '../local-clock';
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

  /** Always a question with a reprompt; at night fewer words, for someone lying down in the dark. */
  const ask = async (input: HandlerInput, day: string, night: string): Promise<Response> =>
    isNight((await localClock(deps, input)).hour) ? answer(input, night, say.repromptAtNight) : answer(input, day, say.helpReprompt);

  const help: RequestHandler = {
    canHandle: (input) => isIntent(input, 'AMAZON.HelpIntent'),
    handle: (input) => ask(input, say.help, say.helpAtNight),
  };

  const fallback: RequestHandler = {
    // Yes or No with no question pending lands here too.
    canHandle: (input) => isIntent(input, 'AMAZON.FallbackIntent', 'AMAZON.YesIntent', 'AMAZON.NoIntent'),
    handle: (input) => ask(input, say.fallback, say.fallbackAtNight),
  };

  return [timeLeft, loopOrShuffle, help, fallback];
}
