/**
 * "Starting at bedtime": once, at the first launch after a whole practice, at the time the
 * listener usually begins. Where Alexa can offer routines, a daily routine that starts the
 * practice itself (Alexa asks, in its own words); elsewhere a daily reminder, which can only
 * speak. Never both. Whatever the answer (yes, no, permission granted or refused, a routine
 * already there, an API failing), it is recorded so nothing is offered again, and the practice
 * then begins as launch would begin it. Pure; the shell sends Alexa's directives and calls its APIs.
 */
import type { BedtimeOffer } from '../playback/record';
import { bedtimeSay, usualPracticeTime, type BedtimeDialog } from './bedtime';
import { question } from './dialog';
import { startFresh } from './places';
import { after, type Answer, type Facts, type Plan, type Write } from './types';

const record = (facts: Facts, answer: BedtimeOffer['answer'], via?: 'routine'): Write => ({
  kind: 'bedtime-offer',
  offer: { at: new Date(facts.nowMs).toISOString(), answer, ...(via ? { via } : {}) },
});

/**
 * Locales where Alexa offers pre-built routines (Amazon's "Pre-Built Routine Primitives"). The
 * skill ships English ones; a request from any other locale gets the reminder instead.
 */
const ROUTINE_LOCALES = new Set([
  'en-US',
  'en-CA',
  'en-IN',
  'en-GB',
  'en-AU',
  'es-ES',
  'es-US',
  'es-MX',
  'de-DE',
  'fr-FR',
  'fr-CA',
  'pt-BR',
  'it-IT',
]);

/**
 * A routine is offered in a locale that has them, by a skill that knows its own id, on a device
 * that can play what the routine starts (elsewhere a reminder still tells the listener when).
 */
export const canOfferRoutine = (facts: Facts): boolean => facts.canPlay && !!facts.locale && ROUTINE_LOCALES.has(facts.locale) && !!facts.skillId;

/** What Alexa reports back: a routine made, declined, already there, or something that failed. */
export type RoutineOfferResult = 'created' | 'rejected' | 'already-enabled' | 'failed';

/** Every path ends here: the practice from its first part, as launch would have played it. */
function begin(facts: Facts, speech: string, answer?: BedtimeOffer['answer'], consentCard = false, via?: 'routine'): Answer {
  return { ...startFresh(facts, speech), ...(answer ? { writes: [record(facts, answer, via)] } : {}), ...(consentCard ? { consentCard } : {}) };
}

/** The time the offer suggests: the listener's usual start, in the device's zone. */
export function plannedOffer(facts: Facts): BedtimeDialog {
  const usual = usualPracticeTime(facts.record ?? { startedCount: 0, completedCount: 0 }, facts.nowMs, facts.zone);
  return { ...usual, zone: facts.zone };
}

/** The one offer a launch makes: the routine where Alexa can offer it, else the reminder. */
export function offerAtBedtime(facts: Facts): Answer {
  return canOfferRoutine(facts) ? offerRoutine(facts) : offerBedtimeReminder(facts);
}

/**
 * One short sentence, then Alexa's own question about the routine (its answer comes back as a
 * SessionResumedRequest). Recorded as soon as it is made, so it is never made twice.
 */
function offerRoutine(facts: Facts): Answer {
  return { speech: bedtimeSay.routineLead, offerRoutine: plannedOffer(facts), writes: [record(facts, 'unanswered', 'routine')] };
}

const ROUTINE_ANSWERS: Record<RoutineOfferResult, BedtimeOffer['answer']> = {
  created: 'accepted',
  rejected: 'declined',
  'already-enabled': 'already-enabled',
  failed: 'failed',
};

/** Whatever Alexa reports, a calm line, the answer recorded, and the practice begins. */
export function answerRoutineOffer(offer: BedtimeDialog | undefined, facts: Facts, result: RoutineOfferResult): Answer {
  const speech =
    result === 'created'
      ? bedtimeSay.routineCreated(offer)
      : bedtimeSay[result === 'rejected' ? 'routineDeclined' : result === 'already-enabled' ? 'routineAlready' : 'routineFailed'];
  return begin(facts, speech, ROUTINE_ANSWERS[result], false, 'routine');
}

/** The question, asked at launch; recorded as soon as it is asked, so it is never asked twice. */
function offerBedtimeReminder(facts: Facts): Answer {
  const offer = plannedOffer(facts);
  return { ...question({ kind: 'bedtime-offer', offer }, facts.catalog), end: false, writes: [record(facts, 'unanswered')] };
}

/** Alexa's own permission question: no audio and no reprompt beside it, and the session ends. */
const askPermission = (offer: BedtimeDialog): Answer => ({ askReminderPermission: offer, end: true });

/** Creates the reminder; a refused grant is asked for once by voice when `mayAsk`, else taken as no. */
function createThenBegin(offer: BedtimeDialog, facts: Facts, mayAsk: boolean): Plan {
  return after({ kind: 'create-reminder', dialog: offer }, ({ outcome }) => {
    if (outcome === 'created') return begin(facts, bedtimeSay.created(offer), 'accepted');
    if (outcome === 'no-permission' && mayAsk) return askPermission(offer);
    return outcome === 'no-permission' ? begin(facts, bedtimeSay.noPermissionCard, outcome, true) : begin(facts, bedtimeSay.failed, outcome);
  });
}

export function answerBedtimeYes(offer: BedtimeDialog, facts: Facts): Plan {
  return facts.remindersGranted ? createThenBegin(offer, facts, true) : askPermission(offer);
}

export function answerBedtimeNo(_offer: BedtimeDialog, facts: Facts): Answer {
  return begin(facts, bedtimeSay.declined, 'declined');
}

/** Alexa's answer to the permission question: ACCEPTED, DENIED or NOT_ANSWERED, or an error status. */
export function answerPermission(offer: BedtimeDialog, facts: Facts, answer: { statusCode: string; status?: string; isCardThrown?: boolean }): Plan {
  // 400 means the manifest lacks the permission; 500, Alexa failed. Neither is the listener's doing.
  if (answer.statusCode !== '200') return begin(facts, bedtimeSay.failed, 'failed');
  if (answer.status === 'ACCEPTED') return createThenBegin(offer, facts, false);
  const recorded = answer.status === 'DENIED' ? 'no-permission' : 'unanswered';
  // Amazon's samples leave a consent card unless Alexa already sent one, so a later yes is easy.
  return answer.isCardThrown ? begin(facts, bedtimeSay.noPermission, recorded) : begin(facts, bedtimeSay.noPermissionCard, recorded, true);
}

/** Any other Connections.Response: the skill sent no such request, so it simply begins the practice. */
export function unexpectedConnectionsResponse(facts: Facts): Answer {
  return begin(facts, bedtimeSay.welcomeAgain);
}
