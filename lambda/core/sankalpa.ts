/**
 * Setting a sankalpa hands-free, as decisions: ask, check, confirm, save (its clip first, then the
 * record); read it back; clear it (confirmed); offer ideas and take a pick. A practice that was
 * playing when a question began carries on when it ends, with the new clip in its queue. Pure.
 */
import { SANKALPA_IDEAS } from '../../models/sankalpa-ideas';
import { checkSankalpa, hasWakeWord, pickIdeas } from '../sankalpa/phrase';
import { endDialog, question, type Dialog } from './dialog';
import { resumeIfPlaying } from './places';
import { sankalpaSay } from './sankalpa-speech';
import { after, type Answer, type Facts, type Place, type Plan } from './types';

type SankalpaDialog<K extends Dialog['kind']> = Extract<Dialog, { kind: K }>;

const WHY_NOT = {
  empty: sankalpaSay.empty,
  'too-long': sankalpaSay.tooLong,
  'wake-word': sankalpaSay.wakeWord,
  'not-an-intention': sankalpaSay.notAnIntention,
};

/** Where the practice was when this conversation about the sankalpa began. */
function resumeOf(dialog: Dialog | undefined, facts: Facts): Place | undefined {
  return dialog && 'resume' in dialog ? dialog.resume : resumeIfPlaying(facts);
}

function askForPhrase(facts: Facts, resume: Place | undefined, misses: number, speech: string): Answer {
  return { ...question({ kind: 'sankalpa-phrase', misses, resume }, facts.catalog), speech };
}

/** "My sankalpa is …", or "set my sankalpa" (then the words come next). */
export function onPhraseAnswer(dialog: Dialog | undefined, facts: Facts, spoken: string | undefined): Plan {
  const resume = resumeOf(dialog, facts);
  const misses = dialog?.kind === 'sankalpa-phrase' || dialog?.kind === 'sankalpa-confirm' ? dialog.misses : 0;
  if (!spoken) return askForPhrase(facts, resume, misses, sankalpaSay.askPhrase);
  const check = checkSankalpa(spoken);
  if (!check.ok) {
    if (misses + 1 >= 2) return endDialog(dialog, facts, sankalpaSay.leaveForNow);
    return askForPhrase(facts, resume, misses + 1, WHY_NOT[check.problem]);
  }
  return question({ kind: 'sankalpa-confirm', text: check.text, misses, resume }, facts.catalog);
}

/** "Shall I keep it?" answered. */
export function confirmSet(dialog: SankalpaDialog<'sankalpa-confirm'>, facts: Facts, yes: boolean): Plan {
  if (yes) return save(dialog, facts, dialog.text);
  if (dialog.misses >= 1) return endDialog(dialog, facts, sankalpaSay.keptAsItWas);
  return askForPhrase(facts, dialog.resume, dialog.misses + 1, sankalpaSay.askAgain);
}

/** Its clip first (so the practice can carry on with it), then the record; the answer says which happened. */
export function save(dialog: Dialog, facts: Facts, text: string): Plan {
  return after({ kind: 'make-clip', text }, (clipKey) =>
    after({ kind: 'save', writes: [{ kind: 'sankalpa', sankalpa: { text, setAt: facts.timestamp, clipKey } }] }, (saved) =>
      saved
        ? endDialog(dialog, facts, clipKey ? sankalpaSay.saved : sankalpaSay.savedWithoutClip, clipKey ?? '')
        : endDialog(dialog, facts, sankalpaSay.couldNotSave),
    ),
  );
}

/** "What is my sankalpa?" */
export function readBack(dialog: Dialog | undefined, facts: Facts): Answer {
  const text = facts.record?.sankalpa?.text;
  if (!text) return endDialog(dialog, facts, sankalpaSay.none);
  return endDialog(dialog, facts, hasWakeWord(text) ? `${sankalpaSay.current(text)} ${sankalpaSay.hasWakeWord}` : sankalpaSay.current(text));
}

/** "Clear my sankalpa": asked first. */
export function askToClear(dialog: Dialog | undefined, facts: Facts): Answer {
  const text = facts.record?.sankalpa?.text;
  if (!text) return endDialog(dialog, facts, sankalpaSay.none);
  return question({ kind: 'sankalpa-clear', text, resume: resumeOf(dialog, facts) }, facts.catalog);
}

export function confirmClear(dialog: SankalpaDialog<'sankalpa-clear'>, facts: Facts, yes: boolean): Plan {
  if (!yes) return endDialog(dialog, facts, sankalpaSay.keptIt);
  return after({ kind: 'save', writes: [{ kind: 'clear-sankalpa' }] }, (cleared) =>
    cleared ? endDialog(dialog, facts, sankalpaSay.cleared, '') : endDialog(dialog, facts, sankalpaSay.couldNotSave),
  );
}

/** "Give me sankalpa ideas": three, varying by day. */
export function offerIdeas(dialog: Dialog | undefined, facts: Facts): Answer {
  const ideas = pickIdeas(SANKALPA_IDEAS, facts.nowMs / 86_400_000);
  return question({ kind: 'sankalpa-ideas', ideas, resume: resumeOf(dialog, facts) }, facts.catalog);
}

export function chooseIdea(dialog: SankalpaDialog<'sankalpa-ideas'>, facts: Facts, index: number): Plan {
  const idea = dialog.ideas[index];
  return idea === undefined ? { ...question(dialog, facts.catalog), speech: sankalpaSay.pickWhat } : save(dialog, facts, idea);
}

const ORDINALS: Record<string, number> = {
  first: 0,
  one: 0,
  '1': 0,
  '1st': 0,
  second: 1,
  two: 1,
  '2': 1,
  '2nd': 1,
  third: 2,
  three: 2,
  '3': 2,
  '3rd': 2,
};

/** Which idea a PickIdea slot names: entity resolution's id, else the words. */
export function chosenIndex(resolvedId: string | undefined, spoken: string | undefined): number | undefined {
  if (resolvedId && ['1', '2', '3'].includes(resolvedId)) return Number(resolvedId) - 1;
  const word = (spoken ?? '')
    .toLowerCase()
    .replace(/^(the|number)\s+/, '')
    .replace(/\s+one$/, '')
    .trim();
  return ORDINALS[word];
}
