/**
 * Erasing a listener's data: "forget me" by voice (asked first; the answer goes through answers.ts)
 * and the skill-disabled event Alexa sends when the skill is turned off for an account. Decisions
 * in core/forget.ts; the erasure itself in apply.ts.
 */
import type { RequestHandler } from 'ask-sdk-core';
import { askToForget, skillDisabled } from '../../core/forget';
import type { SkillDeps } from '../deps';
import { isIntent, isRequest } from './match';
import { respond } from './respond';

export const SKILL_DISABLED = 'AlexaSkillEvent.SkillDisabled';

export function forgetHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    respond(
      deps,
      (input) => isIntent(input, 'ForgetMeIntent'),
      {},
      (facts) => askToForget(facts.dialog, facts),
    ),
    respond(deps, (input) => isRequest(input, SKILL_DISABLED), {}, skillDisabled),
  ];
}
