/**
 * What launch, resume, skip, next and previous, and the plain answers mean, decided from the facts
 * alone. Questions and their answers (yes, no, repeat, …) are in dialog.ts. Pure.
 */
import { nextPart, partOf, previousPart, startOfTarget, timeLeftMs } from '../playback/plan';
import { isNight } from '../playback/preferences';
import { isUnfinished } from '../playback/progress';
import { isBedtimeOfferDue } from './bedtime';
import { offerAtBedtime } from './bedtime-offer';
import { resumeOffer, question } from './dialog';
import { isSleepSounds } from '../playback/sleep-sounds';
import {
  carryOnFrom,
  sleepMinutesFor,
  clipOf,
  currentPlace,
  speakableSankalpa,
  freshAt,
  partTitle,
  preferredVariant,
  resumePlace,
  speakThenCarryOn,
  startFresh,
  storedPlace,
} from './places';
import { sankalpaSay } from './sankalpa-speech';
import { minutesPhrase, say } from './speech';
import { isPlayingNow, type Answer, type Facts, type Place } from './types';

/** A place this close to the very start is not worth a question: just begin. */
const WORTH_OFFERING_AFTER_MS = 30_000;

/**
 * "Alexa, open Spine Nidra". A new listener, or one with nothing to carry on, begins (once after
 * a whole practice, asked about a daily reminder instead). A returning one is asked whether to
 * continue, except at night or when only the Echo knows the place: then the straight answer serves.
 */
export function launch(given: Facts): Answer {
  if (isPlayingNow(given.device) && (given.device.person ?? '') === given.person) return openWhilePlaying();
  // The sleep sounds are never where a practice resumes: a launch starts (or continues) the practice.
  const facts = given.device && isSleepSounds(given.device.segmentId) ? { ...given, device: undefined } : given;
  const { record, device, catalog } = facts;
  const spoken = speakableSankalpa(record);
  const sankalpa = spoken ? ` ${sankalpaSay.inWelcome(spoken.text)}` : '';
  // No stored place (a first visit, or DynamoDB not answering): the Echo's own place still counts.
  const fromDevice = !record?.progress && !record?.erased && device !== undefined && (device.person ?? '') === facts.person;
  const resume = isUnfinished(record?.progress) || fromDevice ? resumePlace(facts) : undefined;
  const firstSegment = catalog.variants[catalog.defaultVariant][0];
  const worthOffering = resume && !(resume.segmentId === firstSegment && resume.offsetMs < WORTH_OFFERING_AFTER_MS);
  if (!resume || !worthOffering) {
    // The bedtime routine (or reminder) is offered only where no resume question is: one question per launch.
    if (record && isBedtimeOfferDue(record)) return offerAtBedtime(facts);
    return startFresh(facts, `${record && !record.erased ? say.welcomeAgain : say.welcomeNew}${sankalpa}`);
  }
  if (isNight(facts.hour) || fromDevice) {
    return { play: resume, speech: say.continuing(partTitle(catalog, resume.segmentId)), end: true, count: 'PracticeResumed' };
  }
  // The sankalpa's sentence comes before the question, so the answer still ends asking.
  const asked = question(resumeOffer({ ...resume, clip: clipOf(record) }), catalog);
  return { ...asked, speech: say.offerResume(partTitle(catalog, resume.segmentId), sankalpa) };
}

/** "Resume", or the Play button: the device's place or the stored one; with nothing to resume, begin. */
export function resume(facts: Facts, byVoice: boolean): Answer {
  // Paused sleep sounds carry on where they were: "resume" means the sounds, not a new practice.
  const sounds = facts.device && isSleepSounds(facts.device.segmentId) ? carryOnFrom(facts.device) : undefined;
  const place = sounds ?? resumePlace(facts);
  if (place) return byVoice ? { play: place, end: true } : { play: place };
  const fresh = startFresh(facts, byVoice ? say.nothingToResume : undefined);
  return byVoice ? fresh : { play: fresh.play };
}

/** "Start over", "start the practice": from the top, keeping the clip of the practice in hand. */
export function startOver(facts: Facts): Answer {
  return startFresh(facts, undefined, facts.device?.clip ?? clipOf(facts.record));
}

export type Move = 'next' | 'previous' | 'repeat';

/** Where next, previous or repeat lands: a place, 'end' past the last part, or 'nowhere' when nothing plays or is stored. */
export function moveTarget(facts: Facts, move: Move): Place | 'end' | 'nowhere' {
  const here = facts.device ?? storedPlace(facts.catalog, facts.record);
  if (!here) return 'nowhere';
  if (isSleepSounds(here.segmentId)) {
    // After the practice: nothing is next; previous and repeat go back to its last part.
    const order = facts.catalog.variants[here.variant] ?? [];
    return move === 'next' || order.length === 0 ? 'end' : freshAt(here.variant, order[order.length - 1], here.clip, 0, here.sleep);
  }
  const target =
    move === 'next'
      ? nextPart(facts.catalog, here.variant, here.segmentId)
      : move === 'previous'
        ? previousPart(facts.catalog, here.variant, here.segmentId, here.offsetMs)
        : partOf(here.segmentId);
  return target ? freshAt(here.variant, target, here.clip, 0, here.sleep) : 'end';
}

/** "Next", "previous", "repeat" by voice. */
export function moveByVoice(facts: Facts, move: Move): Answer {
  const landing = moveTarget(facts, move);
  if (landing === 'end') return speakThenCarryOn(facts, say.lastPart);
  if (landing === 'nowhere') return startFresh(facts, say.nothingToResume);
  return { play: landing, end: true, ...(move === 'next' ? { count: 'Skip' as const } : {}) };
}

/** The Echo's Next and Previous buttons: directives only, never speech. */
export function moveByButton(facts: Facts, move: Move): Answer {
  const landing = moveTarget(facts, move);
  return typeof landing === 'string' ? {} : { play: landing, ...(move === 'next' ? { count: 'Skip' as const } : {}) };
}

/** "Skip to the body scan": a known part plays from its start; an unknown one gets the list. */
export function skipTo(facts: Facts, targetId: string | undefined): Answer {
  const { catalog, device } = facts;
  if (!targetId) return unknownPart(facts);
  // Nothing playing: a fresh practice, as this listener has chosen to hear it.
  const preferred = device?.variant ?? preferredVariant(facts);
  // A part the chosen variant leaves out (the body scan in the short practice) is in the standard one.
  const variant = startOfTarget(catalog, preferred, targetId) ? preferred : sameMixStandard(facts, preferred);
  const segmentId = startOfTarget(catalog, variant, targetId);
  if (!segmentId) return unknownPart(facts);
  const clip = device?.clip ?? clipOf(facts.record);
  const sleep = device ? device.sleep : sleepMinutesFor(facts.record?.preferences);
  return {
    play: freshAt(variant, segmentId, clip, 0, sleep),
    speech: say.skippingTo(partTitle(catalog, segmentId)),
    end: true,
    ...(device ? { count: 'Skip' as const } : {}),
  };
}

/** The standard practice in the same mix as `variant` (with or without the nature bed). */
function sameMixStandard(facts: Facts, variant: string): string {
  const { catalog } = facts;
  const plain = `${catalog.defaultVariant}-plain`;
  return variant.endsWith('-plain') && Object.hasOwn(catalog.variants, plain) ? plain : catalog.defaultVariant;
}

function unknownPart(facts: Facts): Answer {
  const { catalog } = facts;
  const order = catalog.variants[catalog.defaultVariant];
  const titles = [...new Map(order.map((id) => [catalog.segments[id].sectionId, catalog.segments[id].sectionTitle])).values()];
  return speakThenCarryOn(facts, say.unknownPart(titles), say.whichPart);
}

/** "How much time is left?" */
export function timeLeft(facts: Facts): Answer {
  const { catalog } = facts;
  const here = currentPlace(facts);
  if (!here) {
    const first = catalog.variants[catalog.defaultVariant][0];
    return speakThenCarryOn(facts, say.notStarted(minutesPhrase(timeLeftMs(catalog, catalog.defaultVariant, first, 0))));
  }
  // After the practice, only the sleep sounds are left: say so, not "the practice, less than a minute".
  if (isSleepSounds(here.segmentId)) return speakThenCarryOn(facts, say.sleepSoundsPlaying);
  const left = minutesPhrase(timeLeftMs(catalog, here.variant, here.segmentId, here.offsetMs));
  const title = partTitle(catalog, here.segmentId);
  return speakThenCarryOn(facts, isPlayingNow(facts.device) ? say.timeLeft(title, left) : say.timeLeftPaused(title, left));
}

export const loopOrShuffle = (facts: Facts): Answer => speakThenCarryOn(facts, say.inOrderOnly);
/** Help teaches what to say once the skill is open (on Alexa+ a one-shot may never reach it); fewer words at night. */
export const help = (facts: Facts): Answer =>
  isNight(facts.hour) ? speakThenCarryOn(facts, say.helpAtNight, say.repromptAtNight) : speakThenCarryOn(facts, say.help, say.helpReprompt);
/** Outside any question: a miss, or a yes or no with nothing asked. */
export const fallback = (facts: Facts): Answer =>
  isNight(facts.hour) ? speakThenCarryOn(facts, say.fallbackAtNight, say.repromptAtNight) : speakThenCarryOn(facts, say.fallback, say.helpReprompt);

/**
 * A device without AudioPlayer (some Alexa-enabled devices and apps) gets no Play it cannot play:
 * one calm sentence instead. Everything else (settings, the sankalpa, stats, forget me) works there.
 */
export function forThisDevice(answer: Answer, facts: Facts): Answer {
  if (facts.canPlay || !answer.play) return answer;
  const { play: _play, dialog: _dialog, reprompt: _reprompt, elicitPhrase: _elicit, ...rest } = answer;
  return { ...rest, speech: say.cannotPlayHere, end: true };
}

/** "Open Spine Nidra" while the practice plays: what can be said, and one answer's time; silence lets it play on. */
export function openWhilePlaying(): Answer {
  return { speech: say.openWhilePlaying, reprompt: say.openWhilePlayingReprompt };
}

/** Pause only stops the device; the offset comes from the PlaybackStopped that follows, so two writes never race. */
export const pause = (): Answer => ({ stop: true });
export const stop = (): Answer => ({ stop: true, speech: say.goodbye, end: true });
export const navigateHome = (): Answer => ({ end: true });
