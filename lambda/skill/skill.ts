import { SkillBuilders, type Skill as CustomSkill, type RequestHandler } from 'ask-sdk-core';
import type { SkillDeps } from './deps';
import { audioEventHandlers } from './handlers/audio-events';
import { infoHandlers } from './handlers/info';
import { launchHandlers } from './handlers/launch';
import { navigationHandlers } from './handlers/navigation';
import { sankalpaHandlers } from './handlers/sankalpa';
import { calmErrorHandler, systemHandlers } from './handlers/system';
import { transportHandlers } from './handlers/transport';

/**
 * The whole skill. Order matters where two handlers could take a request: the sankalpa and launch
 * dialogs' Yes/No/Resume come before the general ones.
 */
export function createSkill(deps: SkillDeps): CustomSkill {
  const handlers: RequestHandler[] = [
    ...audioEventHandlers(deps),
    ...sankalpaHandlers(deps),
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
  return builder.create();
}
