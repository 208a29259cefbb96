/** Pause and stop: directives only from the core's plain answers (core/session.ts). */
import type { RequestHandler } from 'ask-sdk-core';
import { pause, stop } from '../../core/session';
import type { SkillDeps } from '../deps';
import { isIntent, isRequest } from './match';
import { respond } from './respond';

export function transportHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    respond(deps, (input) => isIntent(input, 'AMAZON.PauseIntent') || isRequest(input, 'PlaybackController.PauseCommandIssued'), {}, pause),
    respond(deps, (input) => isIntent(input, 'AMAZON.StopIntent'), {}, stop),
  ];
}
