/** Opening the skill, resuming, and starting over: request → facts → core/session.ts → apply. */
import type { RequestHandler } from 'ask-sdk-core';
import { onNo, onYes } from '../../core/dialog';
import { launch, resume, startOver } from '../../core/session';
import type { SkillDeps } from '../deps';
import { isIntent, isRequest } from './match';
import { respond } from './respond';

const EVERYTHING = { record: true, clock: true } as const;

export function launchHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    respond(deps, (input) => isRequest(input, 'LaunchRequest'), { record: 'with-clip', clock: true }, launch),
    // "Resume" also answers the resume question yes; "start over" answers it no.
    respond(deps, (input) => isIntent(input, 'AMAZON.ResumeIntent'), EVERYTHING, (facts) =>
      facts.dialog?.kind === 'resume-offer' ? onYes(facts.dialog, facts) : resume(facts, true),
    ),
    respond(deps, (input) => isRequest(input, 'PlaybackController.PlayCommandIssued'), EVERYTHING, (facts) => resume(facts, false)),
    respond(deps, (input) => isIntent(input, 'AMAZON.StartOverIntent', 'StartPracticeIntent'), EVERYTHING, (facts) =>
      facts.dialog?.kind === 'resume-offer' ? onNo(facts.dialog, facts) : startOver(facts),
    ),
  ];
}
