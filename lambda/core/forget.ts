/**
 * Erasing a listener's data, as decisions: "forget me" is always asked first; yes erases the
 * speaker's data (a recognised voice erases only its own), no carries on as if nothing was asked;
 * the skill-disabled event erases the whole household. Pure.
 */
import type { Dialog } from './dialog';
import { question } from './dialog';
import { resumeIfPlaying } from './places';
import { say } from './speech';
import { after, type Answer, type Facts, type Plan } from './types';

export function askToForget(dialog: Dialog | undefined, facts: Facts): Answer {
  const resume = dialog?.kind === 'forget' ? dialog.resume : resumeIfPlaying(facts);
  return question({ kind: 'forget', resume }, facts.catalog);
}

export function answerForget(dialog: Extract<Dialog, { kind: 'forget' }>, yes: boolean): Plan {
  // Nothing changed, so the practice carries on as if the question had not been asked.
  if (!yes) return { speech: say.keptData, end: true, ...(dialog.resume ? { play: { ...dialog.resume, attempt: 0 } } : {}) };
  // No Play after erasing: the practice would only write the listener's place back at once.
  return after({ kind: 'erase', scope: 'speaker' }, (erased) => ({ speech: erased ? say.forgotten : say.couldNotForget, end: true }));
}

/** The skill turned off for the account: everything of the account, every recognised voice included. */
export function skillDisabled(): Plan {
  return after({ kind: 'erase', scope: 'household' }, () => ({}));
}
