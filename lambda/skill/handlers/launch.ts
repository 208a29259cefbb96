/** Opening the skill, resuming, and starting over: request → facts → core/session.ts → apply. */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { onNo, onYes } from '../../core/dialog';
import { isStartPracticeTask, launchByRoutine } from '../../core/routine';
import { launch, resume, startOver } from '../../core/session';
import type { SkillDeps } from '../deps';
import { isIntent, isRequest } from './match';
import { respond } from './respond';

const EVERYTHING = { record: true, clock: true } as const;

function isRoutineLaunch(input: HandlerInput): boolean {
  const { request, context } = input.requestEnvelope;
  return (
    isRequest(input, 'LaunchRequest') &&
    isStartPracticeTask((request as { task?: { name?: unknown } }).task?.name, context?.System?.application?.applicationId ?? '')
  );
}

export function launchHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    // A routine's task first: it plays at once, never asks (core/routine.ts).
    respond(deps, isRoutineLaunch, { record: 'with-clip', clock: true }, launchByRoutine),
    respond(deps, (input) => isRequest(input, 'LaunchRequest'), { record: 'with-clip', clock: true }, launch),
    // "Resume" also answers the resume question yes; "start over" answers it no.
    respond(
      deps,
      (input) => isIntent(input, 'AMAZON.ResumeIntent'),
      EVERYTHING,
      (facts) => (facts.dialog?.kind === 'resume-offer' ? onYes(facts.dialog, facts) : resume(facts, true)),
    ),
    respond(
      deps,
      (input) => isRequest(input, 'PlaybackController.PlayCommandIssued'),
      EVERYTHING,
      (facts) => resume(facts, false),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'AMAZON.StartOverIntent', 'StartPracticeIntent'),
      EVERYTHING,
      (facts) => (facts.dialog?.kind === 'resume-offer' ? onNo(facts.dialog, facts) : startOver(facts)),
    ),
  ];
}
