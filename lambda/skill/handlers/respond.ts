/**
 * Every handler is the same three steps: read the facts it needs, let the core decide, apply the
 * plan. This builds one from its three parts, so a handler is its request match, its needs and its
 * decision, and nothing else.
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { forThisDevice } from '../../core/session';
import { mapAnswer, type Facts, type Plan } from '../../core/types';
import { apply } from '../apply';
import type { SkillDeps } from '../deps';
import { devicePlace, readFacts, type Needs } from '../read';

export type Decide = (facts: Facts, input: HandlerInput) => Plan;

export function respond(
  deps: SkillDeps,
  canHandle: (input: HandlerInput) => boolean,
  needs: Needs | ((input: HandlerInput) => Needs),
  decide: Decide,
): RequestHandler {
  return {
    canHandle,
    async handle(input) {
      const facts = await readFacts(deps, input, typeof needs === 'function' ? needs(input) : needs);
      return apply(
        deps,
        input,
        mapAnswer(decide(facts, input), (answer) => forThisDevice(answer, facts)),
      );
    },
  };
}

/** The stored listener only when the device knows no place of ours (the device's place is fresher and costs nothing). */
export const storedUnlessPlaying =
  (deps: SkillDeps) =>
  (input: HandlerInput): Needs => {
    // With the device's place in hand nothing starts afresh, so neither the store nor the clock
    // (the Settings API on a device whose zone is not stored) is needed: "next" stays a 0-call request.
    const nothingPlaying = devicePlace(deps, input) === undefined;
    return { record: nothingPlaying, clock: nothingPlaying };
  };
