/**
 * One handler per answer type, each dispatching on the open dialog (core/dialog.ts): yes, no, a
 * sankalpa phrase, an idea picked, repeat, a miss, home and cancel. With no question open, each
 * means what it means anywhere.
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { getSlot } from '../ask-sdk';
import { onMiss, onNavigateHome, onNo, onPhrase, onPick, onRepeat, onYes } from '../../core/dialog';
import { chosenIndex } from '../../core/sankalpa';
import { fallback, moveByVoice, navigateHome, stop } from '../../core/session';
import type { SkillDeps } from '../deps';
import { dialogOf, type Needs } from '../read';
import { isIntent } from './match';
import { respond, storedUnlessPlaying } from './respond';

/**
 * Questions whose answer may begin the practice afresh need the listener's choices. The clock is
 * always read: spoken answers change by the hour, and the night voice reads it anyway (once per request).
 */
const needsFor = (input: HandlerInput, startsOn: readonly string[]): Needs => ({
  record: startsOn.includes(dialogOf(input)?.kind ?? ''),
  clock: true,
});
const CLOCK = { clock: true } as const;

export function answerHandlers(deps: SkillDeps): RequestHandler[] {
  return [
    respond(
      deps,
      (input) => isIntent(input, 'AMAZON.YesIntent'),
      (input) => needsFor(input, ['bedtime-offer']),
      (facts) => (facts.dialog ? onYes(facts.dialog, facts) : fallback(facts)),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'AMAZON.NoIntent'),
      (input) => needsFor(input, ['resume-offer', 'bedtime-offer']),
      (facts) => (facts.dialog ? onNo(facts.dialog, facts) : fallback(facts)),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'SetSankalpaIntent'),
      {},
      (facts, input) => onPhrase(facts.dialog, facts, getSlot(input.requestEnvelope, 'phrase')?.value),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'PickIdeaIntent'),
      {},
      (facts, input) => {
        const slot = getSlot(input.requestEnvelope, 'choice');
        const resolved = slot?.resolutions?.resolutionsPerAuthority?.find((a) => a.status?.code === 'ER_SUCCESS_MATCH')?.values?.[0]?.value?.id;
        return onPick(facts.dialog, facts, chosenIndex(resolved, slot?.value));
      },
    ),
    respond(
      deps,
      (input) => isIntent(input, 'AMAZON.RepeatIntent'),
      storedUnlessPlaying(deps),
      (facts) => (facts.dialog ? onRepeat(facts.dialog, facts) : moveByVoice(facts, 'repeat')),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'AMAZON.FallbackIntent'),
      CLOCK,
      (facts) => (facts.dialog ? onMiss(facts.dialog, facts) : fallback(facts)),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'AMAZON.NavigateHomeIntent'),
      {},
      (facts) => (facts.dialog ? onNavigateHome(facts.dialog, facts) : navigateHome()),
    ),
    respond(
      deps,
      (input) => isIntent(input, 'AMAZON.CancelIntent'),
      {},
      (facts) => (facts.dialog ? onNavigateHome(facts.dialog, facts) : stop()),
    ),
  ];
}
