/**
 * The sankalpa's own requests: read it back, clear it (asked first), ideas. Setting it, and the
 * answers to its questions, go through the dialog's answer handlers (answers.ts). Decisions in
 * core/sankalpa.ts.
 */
import type { RequestHandler } from 'ask-sdk-core';
import { askToClear, offerIdeas, readBack } from '../../core/sankalpa';
import type { SkillDeps } from '../deps';
import { isIntent } from './match';
import { respond } from './respond';

export function sankalpaHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    respond(
      deps,
      (input) => isIntent(input, 'WhatIsSankalpaIntent'),
      { record: true },
      (facts) => readBack(facts.dialog, facts),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'ClearSankalpaIntent'),
      { record: true },
      (facts) => askToClear(facts.dialog, facts),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'SankalpaIdeasIntent'),
      {},
      (facts) => offerIdeas(facts.dialog, facts),
    ),
  ];
}
