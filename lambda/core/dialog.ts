/**
 * The one open question a session can hold, and what each kind of answer does to it. Every
 * question the skill asks is a member of `Dialog`; every answer type (yes, no, a phrase, a pick,
 * repeat, a miss, home or cancel) is a pure transition over all of them, so "which question is
 * this yes for" is answered here and nowhere else. A new question is one new member, its words in
 * `question`, and its cases in the transitions.
 */
import type { Catalog } from '../playback/catalog';
import { bedtimeSay, isBedtimeDialog, type BedtimeDialog } from './bedtime';
import { answerBedtimeNo, answerBedtimeYes } from './bedtime-offer';
import { answerForget } from './forget';
import { freshAt, partTitle, resumeIfPlaying, startFresh, withClip } from './places';
import { chooseIdea, confirmClear, confirmSet, onPhraseAnswer } from './sankalpa';
import { sankalpaSay } from './sankalpa-speech';
import { say } from './speech';
import { isPlayable } from '../playback/plan';
import { isSleepMinutes } from '../playback/sleep-sounds';
import { CLIP_KEY } from '../playback/token';
import { MAX_SANKALPA_CHARS } from '../sankalpa/phrase';
import type { Answer, Facts, Place, Plan } from './types';

interface Asked {
  /** Set once the question was asked again after an answer that did not fit it. */
  reasked?: true;
}

export type Dialog = Asked &
  (
    | { kind: 'resume-offer'; place: Place }
    | { kind: 'sankalpa-phrase'; misses: number; resume?: Place }
    | { kind: 'sankalpa-confirm'; text: string; misses: number; resume?: Place }
    | { kind: 'sankalpa-clear'; text: string; resume?: Place }
    | { kind: 'sankalpa-ideas'; ideas: string[]; resume?: Place }
    | { kind: 'forget'; resume?: Place }
    | { kind: 'bedtime-offer'; offer: BedtimeDialog }
  );

export type DialogKind = Dialog['kind'];

/** Session attributes carry the dialog under this one key. */
export const DIALOG_KEY = 'dialog';

/** The question a dialog asks, as first asked (`again` for a repeat: no greeting, straight to it). */
export function question(dialog: Dialog, catalog: Catalog, again = false): Answer {
  const ask = (speech: string, reprompt: string): Answer => ({ speech, reprompt, dialog });
  switch (dialog.kind) {
    case 'resume-offer': {
      const title = partTitle(catalog, dialog.place.segmentId);
      return ask(again ? say.offerAgain(title) : say.offerResume(title), say.offerReprompt);
    }
    case 'sankalpa-phrase':
      return { ...ask(sankalpaSay.askPhrase, sankalpaSay.askPhraseReprompt), elicitPhrase: true };
    case 'sankalpa-confirm':
      return ask(sankalpaSay.confirm(dialog.text), sankalpaSay.confirmReprompt);
    case 'sankalpa-clear':
      return ask(sankalpaSay.confirmClear(dialog.text), sankalpaSay.confirmClearReprompt);
    case 'sankalpa-ideas':
      return ask(sankalpaSay.ideas(dialog.ideas), sankalpaSay.ideasReprompt);
    case 'forget':
      return ask(say.confirmForget, say.confirmForgetReprompt);
    case 'bedtime-offer':
      return ask(again ? bedtimeSay.offerReprompt(dialog.offer) : bedtimeSay.offer(dialog.offer), bedtimeSay.offerReprompt(dialog.offer));
  }
}

/** "Yes". */
export function onYes(dialog: Dialog, facts: Facts): Plan {
  switch (dialog.kind) {
    case 'resume-offer':
      return { play: dialog.place, speech: say.continuing(partTitle(facts.catalog, dialog.place.segmentId)), end: true, count: 'PracticeResumed' };
    case 'sankalpa-phrase':
      return onMiss(dialog, facts);
    case 'sankalpa-confirm':
      return confirmSet(dialog, facts, true);
    case 'sankalpa-clear':
      return confirmClear(dialog, facts, true);
    case 'sankalpa-ideas':
      return chooseIdea(dialog, facts, 0);
    case 'forget':
      return answerForget(dialog, true);
    case 'bedtime-offer':
      return answerBedtimeYes(dialog.offer, facts);
  }
}

/** "No". */
export function onNo(dialog: Dialog, facts: Facts): Plan {
  switch (dialog.kind) {
    case 'resume-offer':
      return startFresh(facts, say.fromTheStart, dialog.place.clip);
    case 'sankalpa-phrase':
      return endDialog(dialog, facts, sankalpaSay.keptAsItWas);
    case 'sankalpa-confirm':
      return confirmSet(dialog, facts, false);
    case 'sankalpa-clear':
      return confirmClear(dialog, facts, false);
    case 'sankalpa-ideas':
      return endDialog(dialog, facts, sankalpaSay.noIdeaChosen);
    case 'forget':
      return answerForget(dialog, false);
    case 'bedtime-offer':
      return answerBedtimeNo(dialog.offer, facts);
  }
}

/** A sankalpa phrase (or a set-sankalpa request without one): in any dialog, it starts or continues setting it. */
export function onPhrase(dialog: Dialog | undefined, facts: Facts, spoken: string | undefined): Plan {
  return onPhraseAnswer(dialog, facts, spoken);
}

/** "The second one": only the ideas question takes a pick. */
export function onPick(dialog: Dialog | undefined, facts: Facts, index: number | undefined): Plan {
  if (dialog?.kind !== 'sankalpa-ideas') return endDialog(dialog, facts, sankalpaSay.noIdeasOffered);
  if (index === undefined) return { ...question(dialog, facts.catalog), speech: sankalpaSay.pickWhat };
  return chooseIdea(dialog, facts, index);
}

/** "Repeat": the question again, the dialog as it was. */
export function onRepeat(dialog: Dialog, facts: Facts): Answer {
  return question(dialog, facts.catalog, true);
}

/** An answer that fits nothing: the question once more; after a second miss, it is left calmly. */
export function onMiss(dialog: Dialog, facts: Facts): Plan {
  if (dialog.reasked) return onNavigateHome(dialog, facts);
  const again = question({ ...dialog, reasked: true }, facts.catalog, true);
  return { ...again, speech: `${say.notCaught} ${again.speech}` };
}

/** "Go home", "cancel": the question is dropped, nothing changes, and a practice that was playing carries on. */
export function onNavigateHome(dialog: Dialog, facts: Facts): Answer {
  return endDialog(dialog, facts, say.leftAsItWas);
}

/** Ends a dialog with a sentence; the practice carries on where it was, if it was playing. */
export function endDialog(dialog: Dialog | undefined, facts: Facts, speech: string, clip?: string): Answer {
  const resume = dialog && 'resume' in dialog ? dialog.resume : undefined;
  const place = resume ?? resumeIfPlaying(facts);
  const carryOn = place && withClip(facts.catalog, place, clip ?? place.clip);
  return { speech, end: true, ...(carryOn ? { play: carryOn } : {}) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isShortText = (value: unknown) => typeof value === 'string' && value.length <= MAX_SANKALPA_CHARS;
const isCount = (value: unknown, max: number) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= max;

/** A place in the practice, as dialogs remember it. */
function isPlace(value: unknown, catalog: Catalog): value is Place {
  return (
    isRecord(value) &&
    typeof value.variant === 'string' &&
    typeof value.segmentId === 'string' &&
    isPlayable(catalog, value.variant, value.segmentId) &&
    Number.isSafeInteger(value.offsetMs) &&
    (value.offsetMs as number) >= 0 &&
    typeof value.clip === 'string' &&
    CLIP_KEY.test(value.clip) &&
    (value.nonce === undefined || (typeof value.nonce === 'string' && /^[a-z0-9]{4,16}$/.test(value.nonce))) &&
    (value.attempt === 0 || value.attempt === 1) &&
    (value.person === undefined || (typeof value.person === 'string' && /^[a-f0-9]{16}$/.test(value.person))) &&
    (value.sleep === undefined || isSleepMinutes(value.sleep))
  );
}

const optionalPlace = (value: unknown, catalog: Catalog) => value === undefined || isPlace(value, catalog);

/**
 * Session attributes come back inside the request, so a dialog is input like any other: only the
 * shapes the skill writes pass, with places that are in the practice and texts of sankalpa size.
 */
export function isDialog(value: unknown, catalog: Catalog): value is Dialog {
  if (!isRecord(value) || (value.reasked !== undefined && value.reasked !== true)) return false;
  switch (value.kind) {
    case 'resume-offer':
      return isPlace(value.place, catalog);
    case 'sankalpa-phrase':
      return isCount(value.misses, 2) && optionalPlace(value.resume, catalog);
    case 'sankalpa-confirm':
      return isShortText(value.text) && isCount(value.misses, 2) && optionalPlace(value.resume, catalog);
    case 'sankalpa-clear':
      return isShortText(value.text) && optionalPlace(value.resume, catalog);
    case 'sankalpa-ideas':
      return Array.isArray(value.ideas) && value.ideas.length === 3 && value.ideas.every(isShortText) && optionalPlace(value.resume, catalog);
    case 'forget':
      return optionalPlace(value.resume, catalog);
    case 'bedtime-offer':
      return isBedtimeDialog(value.offer);
    default:
      return false;
  }
}

/** The resume offer a launch makes: the place, as a fresh session from it. */
export function resumeOffer(place: Place): Dialog {
  return { kind: 'resume-offer', place: freshAt(place.variant, place.segmentId, place.clip, place.offsetMs) };
}
