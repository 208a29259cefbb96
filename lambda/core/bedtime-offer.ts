/**
 * "Starting at bedtime": once, at the first launch after a whole practice, a daily reminder at the
 * time the listener usually begins. Whatever the answer (yes, no, permission granted or refused,
 * the Reminders API failing), it is recorded so the question never comes back, and the practice
 * then begins as launch would begin it. Pure; the shell creates the reminder and asks Alexa for
 * the permission.
 */
import type { BedtimeOffer } from '../playback/record';
import { bedtimeSay, usualPracticeTime, type BedtimeDialog } from './bedtime';
import { question } from './dialog';
import { startFresh } from './places';
import { after, type Answer, type Facts, type Plan, type Write } from './types';

const record = (facts: Facts, answer: BedtimeOffer['answer']): Write => ({
  kind: 'bedtime-offer',
  offer: { at: new Date(facts.nowMs).toISOString(), answer },
});

/** Every path ends here: the practice from its first part, as launch would have played it. */
function begin(facts: Facts, speech: string, answer?: BedtimeOffer['answer'], consentCard = false): Answer {
  return { ...startFresh(facts, speech), ...(answer ? { writes: [record(facts, answer)] } : {}), ...(consentCard ? { consentCard } : {}) };
}

/** The time the offer suggests: the listener's usual start, in the device's zone. */
export function plannedOffer(facts: Facts): BedtimeDialog {
  const usual = usualPracticeTime(facts.record ?? { startedCount: 0, completedCount: 0 }, facts.nowMs, facts.zone);
  return { ...usual, zone: facts.zone };
}

/** The question, asked at launch; recorded as soon as it is asked, so it is never asked twice. */
export function offerBedtimeReminder(facts: Facts): Answer {
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
