import type { Skill as CustomSkill, RequestHandler } from 'ask-sdk-core';
import { SkillBuilders } from './ask-sdk';
import type { SkillDeps } from './deps';
import { answerHandlers } from './handlers/answers';
import { audioEventHandlers } from './handlers/audio-events';
import { canFulfillHandlers } from './handlers/can-fulfill';
import { bedtimeOfferHandlers } from './handlers/bedtime-offer';
import { forgetHandlers } from './handlers/forget';
import { infoHandlers } from './handlers/info';
import { preferenceHandlers } from './handlers/preferences';
import { launchHandlers } from './handlers/launch';
import { navigationHandlers } from './handlers/navigation';
import { sankalpaHandlers } from './handlers/sankalpa';
import { calmErrorHandler, systemHandlers } from './handlers/system';
import { transportHandlers } from './handlers/transport';
import { refusalReason, RequestRefusedError } from './refusal';
import { sessionAttributesInterceptor } from './session-attributes';
import { screenInterceptor } from './screen';
import { nightVoiceInterceptor } from './local-clock';
import { requestContextInterceptor } from './context';
import { ZoneHandoff } from './device-zone';
import { DEFAULT_STORE_BUDGET_MS, withDeadline } from '../store/deadline';

/**
 * The whole skill. Each request type or intent has exactly one handler (answers to questions
 * dispatch on the one dialog state inside theirs), so the order of this list decides nothing.
 */
export function createSkill(given: SkillDeps): CustomSkill {
  const deps = { zoneHandoff: new ZoneHandoff(), ...withStoreBudget(given) };
  const handlers: RequestHandler[] = [
    ...audioEventHandlers(deps),
    ...answerHandlers(deps),
    ...canFulfillHandlers(deps),
    ...sankalpaHandlers(deps),
    ...forgetHandlers(deps),
    ...preferenceHandlers(deps),
    ...bedtimeOfferHandlers(deps),
    ...launchHandlers(deps),
    ...navigationHandlers(deps),
    ...transportHandlers(deps),
    ...infoHandlers(deps),
    ...systemHandlers(deps),
  ];
  const builder = SkillBuilders.custom()
    .addRequestHandlers(...handlers)
    .addRequestInterceptors(requestContextInterceptor(deps), sessionAttributesInterceptor(deps.catalog, deps.log))
    .addResponseInterceptors(screenInterceptor(deps))
    .addResponseInterceptors(nightVoiceInterceptor(deps))
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

/**
 * Every handler sees the store through one deadline, here, so the Lambda, the local server and
 * the tests all answer in time however DynamoDB behaves.
 */
function withStoreBudget(deps: SkillDeps): SkillDeps {
  const store = withDeadline(deps.store, deps.storeBudgetMs ?? DEFAULT_STORE_BUDGET_MS, (late) =>
    deps.log.warn('store call settled after its deadline', {
      method: late.method,
      outcome: late.outcome,
      afterMs: late.afterMs,
      ...(late.error === undefined ? {} : { error: String(late.error) }),
    }),
  );
  return { ...deps, store };
}
