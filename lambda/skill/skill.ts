import { SkillBuilders, type Skill as CustomSkill, type RequestHandler } from 'ask-sdk-core';
import type { SkillDeps } from './deps';
import { audioEventHandlers } from './handlers/audio-events';
import { forgetHandlers } from './handlers/forget';
import { infoHandlers } from './handlers/info';
import { launchHandlers } from './handlers/launch';
import { navigationHandlers } from './handlers/navigation';
import { sankalpaHandlers } from './handlers/sankalpa';
import { calmErrorHandler, systemHandlers } from './handlers/system';
import { transportHandlers } from './handlers/transport';
import { refusalReason, RequestRefusedError } from './refusal';

/**
 * The whole skill. Order matters where two handlers could take a request: the sankalpa and launch
 * dialogs' Yes/No/Resume come before the general ones.
 */
export function createSkill(deps: SkillDeps): CustomSkill {
  const handlers: RequestHandler[] = [
    ...audioEventHandlers(deps),
    ...sankalpaHandlers(deps),
    ...forgetHandlers(deps),
    ...launchHandlers(deps),
    ...navigationHandlers(deps),
    ...transportHandlers(deps),
    ...infoHandlers(deps),
    ...systemHandlers(deps),
  ];
  const builder = SkillBuilders.custom()
    .addRequestHandlers(...handlers)
    .addErrorHandlers(calmErrorHandler(deps));
  if (deps.skillId) builder.withSkillId(deps.skillId);
  return refusingMalformed(builder.create(), deps);
}

/** Refuses, before any handler or store call, what is not a request from Alexa for this skill. */
function refusingMalformed(skill: CustomSkill, deps: SkillDeps): CustomSkill {
  const invoke = skill.invoke.bind(skill);
  skill.invoke = async (envelope, context) => {
    const reason = refusalReason(envelope, deps.skillId);
    if (reason) {
      deps.log.warn('request refused', { reason });
      throw new RequestRefusedError(reason);
    }
    return invoke(envelope, context);
  };
  return skill;
}
