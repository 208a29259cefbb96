/**
 * The apply step: a plan from the core becomes the response (directives, speech, the one dialog
 * state) and the store calls. Effects the plan waits on (a clip, a write whose outcome it speaks,
 * an erasure, a reminder) run here, and their outcomes go back to the plan's own pure `next`.
 * Rules that hold for every request live here once, not in handlers: a recognised voice that
 * writes or starts playback by voice is listed on the account; device events never speak, hold a
 * session or set shouldEndSession.
 */
import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { askForRemindersDirective, createDailyReminder, REMINDERS_SCOPE } from '../alexa/reminders';
import { offerRoutineDirective } from '../alexa/routines';
import { bedtimeSay, dialogToken } from '../core/bedtime';
import { DIALOG_KEY } from '../core/dialog';
import { isAfterEffect, type Answer, type Effect, type Outcomes, type Plan, type Write } from '../core/types';
import { partOf } from '../playback/plan';
import { forgetOrder } from '../playback/progress';
import { makeClipWithin } from '../sankalpa/clips';
import { contextOf, type RequestContext } from './context';
import type { SkillDeps } from './deps';
import { isDeviceEvent } from './handlers/match';
import { addPlay } from './player';

/** The sankalpa dialog's slot: Alexa fills it with whatever the listener says next. */
const PHRASE_SLOT = 'phrase';

export async function apply(deps: SkillDeps, input: HandlerInput, plan: Plan): Promise<Response> {
  const context = contextOf(input);
  let step = plan;
  let wrote = false;
  while (isAfterEffect(step)) {
    wrote ||= step.effect.kind === 'save';
    step = step.next((await runEffect(deps, input, context, step.effect)) as never);
  }
  const answer: Answer = step;
  if (answer.count && answer.play) deps.log.metric?.(answer.count, answer.play.variant);
  if (answer.sleepSoundsHeard) deps.log.metric?.('SleepSoundsMinutes', answer.sleepSoundsHeard.variant, answer.sleepSoundsHeard.minutes);
  await Promise.all([
    ...(answer.writes ?? []).map((write) => saveLogged(deps, context, write)),
    // The Echo's own events never list anyone: the practice they report was started by voice.
    !isDeviceEvent(input) && (wrote || answer.writes?.length || answer.play) ? listPerson(deps, context) : undefined,
  ]);
  render(deps, input, answer);
  return input.responseBuilder.getResponse();
}

function render(deps: SkillDeps, input: HandlerInput, answer: Answer): void {
  const response = input.responseBuilder;
  if (answer.stop) response.addAudioPlayerStopDirective();
  if (answer.play) addPlay(deps, input, 'REPLACE_ALL', answer.play);
  if (answer.enqueue) addPlay(deps, input, 'ENQUEUE', { ...answer.enqueue.next, offsetMs: 0 }, answer.enqueue.after);
  if (answer.askReminderPermission) response.addDirective(askForRemindersDirective(dialogToken(answer.askReminderPermission)));
  if (answer.consentCard) response.withAskForPermissionsConsentCard([REMINDERS_SCOPE]);
  if (answer.offerRoutine) {
    const offer = answer.offerRoutine;
    const skillId = deps.skillId ?? input.requestEnvelope.context.System.application.applicationId;
    response.addDirective(offerRoutineDirective(skillId, offer, offer.zone, dialogToken(offer, 'bedtime-routine'), bedtimeSay.routineAction));
  }
  if (answer.canFulfill) return void response.withCanFulfillIntent(answer.canFulfill);
  if (isDeviceEvent(input)) return;
  if (answer.speech) response.speak(answer.speech);
  if (answer.reprompt) response.reprompt(answer.reprompt);
  if (answer.elicitPhrase) {
    response.addElicitSlotDirective(PHRASE_SLOT, {
      name: 'SetSankalpaIntent',
      confirmationStatus: 'NONE',
      slots: { [PHRASE_SLOT]: { name: PHRASE_SLOT, confirmationStatus: 'NONE' } },
    });
  }
  if (input.requestEnvelope.session) input.attributesManager.setSessionAttributes(answer.dialog ? { [DIALOG_KEY]: answer.dialog } : {});
  // Explicit on every spoken answer (Alexa+ ends half-open sessions): open only for a question.
  // Not beside a routine offer: Alexa holds the session for its question and resumes it after.
  const end = answer.offerRoutine ? undefined : (answer.end ?? (answer.reprompt ? false : answer.speech || answer.play ? true : undefined));
  if (end !== undefined) response.withShouldEndSession(end);
}

async function runEffect(deps: SkillDeps, input: HandlerInput, context: RequestContext, effect: Effect): Promise<Outcomes[Effect['kind']]> {
  switch (effect.kind) {
    case 'save':
      return saveAll(deps, context, effect.writes);
    case 'make-clip':
      try {
        return await makeClipWithin(deps.clips, effect.text, deps.clipBudgetMs);
      } catch (error) {
        context.log.warn('sankalpa clip not made; the practice plays without it', { error: String(error) });
        return undefined;
      }
    case 'erase':
      return erase(deps, input, context, effect.scope);
    case 'create-reminder': {
      const { dialog } = effect;
      const result = await createDailyReminder(input.requestEnvelope, dialog, dialog.zone, context.nowMs, bedtimeSay.reminderText);
      if (result.outcome !== 'created') context.log.warn('bedtime reminder not created', { ...result });
      return result;
    }
  }
}

/** Writes whose outcome the listener hears: true when every one landed. */
async function saveAll(deps: SkillDeps, context: RequestContext, writes: Write[]): Promise<boolean> {
  const sankalpa = writes.some((write) => write.kind === 'sankalpa');
  try {
    await Promise.all(writes.map((write) => save(deps, context, write)));
    if (sankalpa) deps.log.metric?.('SankalpaSet', 'all');
    return true;
  } catch (error) {
    context.log.error(`${writes.map((write) => write.kind).join(', ')} not saved`, { error: String(error) });
    if (sankalpa) deps.log.metric?.('Error.SankalpaWrite', 'all');
    return false;
  }
}

/** Writes the listener never hears about: a failure is logged, and the answer goes out regardless. */
async function saveLogged(deps: SkillDeps, context: RequestContext, write: Write): Promise<void> {
  try {
    await save(deps, context, write);
  } catch (error) {
    const message = write.kind === 'progress' ? 'progress write failed' : `${write.kind} not recorded`;
    context.log.warn(message, { error: String(error), ...(write.kind === 'progress' ? { event: write.progress.state } : {}) });
    if (write.kind === 'progress') deps.log.metric?.('Error.ProgressWrite', write.progress.variant);
  }
}

async function save(deps: SkillDeps, context: RequestContext, write: Write): Promise<void> {
  const { store } = deps;
  const key = context.listenerKey;
  switch (write.kind) {
    case 'progress': {
      // A zone this listener's Launch learned rides along (skill/device-zone.ts): no write of its own.
      const timeZone = deps.zoneHandoff?.take(key, context.nowMs);
      const outcome = await store.saveProgress(key, write.progress, timeZone ? { ...write.extras, timeZone } : write.extras);
      if (outcome === 'stale') context.log.info('older event ignored', { state: write.progress.state });
      else countProgress(deps, write);
      return;
    }
    case 'preferences':
      return store.setPreferences(key, write.preferences);
    case 'sankalpa':
      return store.setSankalpa(key, write.sankalpa);
    case 'clear-sankalpa':
      return store.clearSankalpa(key);
    case 'bedtime-offer':
      await store.recordBedtimeOffer(key, write.offer);
      context.log.info('bedtime reminder offer recorded', { answer: write.offer.answer });
      return;
  }
}

/** The funnel, counted once per saved event (a repeated or late one is stale and counts nothing). */
function countProgress(deps: SkillDeps, write: Extract<Write, { kind: 'progress' }>): void {
  const { progress, extras } = write;
  if (extras?.countStart) deps.log.metric?.('PracticeStarted', progress.variant);
  if (extras?.completedAt) deps.log.metric?.('PracticeCompleted', progress.variant);
  if (progress.state === 'paused') {
    // The section a listener was in when they stopped (a personal clip counts as its part's).
    deps.log.metric?.(`StoppedIn.${deps.catalog.segments[partOf(progress.segmentId)]?.sectionId ?? 'unknown'}`, progress.variant);
  }
}

/**
 * A recognised voice's item is listed on the account's item, so erasing the account (the skill
 * disabled) reaches it. Idempotent; a failure only means the listing waits for the next time.
 */
async function listPerson(deps: SkillDeps, context: RequestContext): Promise<void> {
  if (!context.person) return;
  try {
    await deps.store.addPerson(context.accountKey, context.listenerKey);
  } catch (error) {
    context.log.warn('person not listed on the account', { error: String(error) });
  }
}

/** The speaker's own data, or (the skill disabled) the account's and every voice it lists. */
async function erase(deps: SkillDeps, input: HandlerInput, context: RequestContext, scope: 'speaker' | 'household'): Promise<boolean> {
  const envelope = input.requestEnvelope;
  let keys = [context.listenerKey];
  if (scope === 'household') {
    keys = [context.accountKey];
    try {
      keys.push(...((await deps.store.load(context.accountKey))?.people ?? []));
    } catch (error) {
      context.log.error('household not read; erasing the account item only', { error: String(error) });
    }
  }
  const erased = await Promise.all(
    keys.map(async (key) => {
      try {
        await deps.store.forget(key, forgetOrder(envelope.request.timestamp, context.nowMs));
        context.log.info('listener data erased', { requestType: envelope.request.type });
        return true;
      } catch (error) {
        context.log.error('listener data not erased', { error: String(error) });
        return false;
      }
    }),
  );
  return erased.every(Boolean);
}
