/** Time left, loop and shuffle, help: straight answers after which the practice carries on (core/session.ts). */
import type { RequestHandler } from 'ask-sdk-core';
import { help, loopOrShuffle, timeLeft } from '../../core/session';
import type { SkillDeps } from '../deps';
import { isIntent } from './match';
import { respond, storedUnlessPlaying } from './respond';

export function infoHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    respond(
      deps,
      (input) => isIntent(input, 'TimeLeftIntent'),
      (input) => ({ ...storedUnlessPlaying(deps)(input), clock: false }),
      timeLeft,
    ),
    respond(
      deps,
      (input) => isIntent(input, 'AMAZON.LoopOnIntent', 'AMAZON.LoopOffIntent', 'AMAZON.ShuffleOnIntent', 'AMAZON.ShuffleOffIntent'),
      {},
      loopOrShuffle,
    ),
    respond(deps, (input) => isIntent(input, 'AMAZON.HelpIntent'), { clock: true }, help),
  ];
}
