/**
 * The values the pure core works in. A handler reads the facts a request brings (Facts), the core
 * decides (a Plan), and the shell applies it (lambda/skill/apply.ts): directives, speech, the one
 * dialog state, and the store writes. Nothing here does I/O.
 */
import type { Catalog } from '../playback/catalog';
import type { Progress } from '../playback/progress';
import type { PlaybackState } from '../playback/token';
import type { BedtimeOffer, ListenerRecord, Preferences, ProgressExtras, SankalpaRecord } from '../playback/record';
import type { BedtimeDialog } from './bedtime';
import type { Dialog } from './dialog';

/** A place in the practice. Without a nonce it starts a fresh listening session (the shell draws one). */
export interface Place extends Omit<PlaybackState, 'nonce'> {
  nonce?: string;
  offsetMs: number;
}

/** What the device says it plays (or last played), when it is something this skill issued. */
export interface DevicePlace extends PlaybackState {
  offsetMs: number;
  activity?: string;
}

export interface Facts {
  catalog: Catalog;
  /** What the store holds for the speaker: undefined for nothing, or when it was not (or could not be) read. */
  record?: ListenerRecord;
  device?: DevicePlace;
  /** The recognised voice's hash, '' for the account. */
  person: string;
  /** The listener's local hour and zone (read only where a decision needs them). */
  hour: number;
  zone: string;
  nowMs: number;
  /** The request's own timestamp, as Alexa sent it. */
  timestamp: string;
  /** The device can play audio (AudioPlayer in its supported interfaces). */
  canPlay: boolean;
  /** The request's locale, and the skill's own id (a routine offer names it). */
  locale?: string;
  skillId?: string;
  /** The account granted the skill Alexa's reminders permission. */
  remindersGranted?: boolean;
  /** The question this request may be answering. */
  dialog?: Dialog;
}

export type Write =
  | { kind: 'progress'; progress: Progress; extras?: ProgressExtras }
  | { kind: 'preferences'; preferences: Preferences }
  | { kind: 'sankalpa'; sankalpa: SankalpaRecord }
  | { kind: 'clear-sankalpa' }
  | { kind: 'bedtime-offer'; offer: BedtimeOffer };

/** What a request's answer is made of. Absent fields are absent from the response. */
export interface Answer {
  speech?: string;
  /** A question's reprompt: the session stays open for the answer. */
  reprompt?: string;
  /** Ask Alexa to fill the sankalpa phrase slot with the next words (Dialog.ElicitSlot). */
  elicitPhrase?: boolean;
  /** Play from this place, replacing the device's queue. */
  play?: Place;
  /** Queue this item after the device's current one (NearlyFinished). */
  enqueue?: { next: PlaybackState; after: string };
  stop?: boolean;
  /** The open question after this answer; none when undefined. */
  dialog?: Dialog;
  /** shouldEndSession, where the answer decides it (never on device events). */
  end?: boolean;
  /** Writes whose failure changes nothing the listener hears: logged, never fatal. */
  writes?: Write[];
  /** Alexa's own question for the reminders permission (ends the session; no audio beside it). */
  askReminderPermission?: BedtimeDialog;
  /** Alexa's own offer of a daily routine that starts the practice (no audio beside it; Alexa resumes the session). */
  offerRoutine?: BedtimeDialog;
  consentCard?: boolean;
  /** A practice metric this answer counts when it plays (the funnel's other counts come from the writes). */
  count?: 'PracticeResumed' | 'Skip';
  /** Minutes of sleep sounds a device event reports heard: a metric only, never stored. */
  sleepSoundsHeard?: { variant: string; minutes: number };
  /** The answer to a CanFulfillIntentRequest. */
  canFulfill?: import('ask-sdk-model').canfulfill.CanFulfillIntent;
}

/** Something only the shell can do, and what it reports back. */
export type Effect =
  | { kind: 'save'; writes: Write[] }
  | { kind: 'make-clip'; text: string }
  | { kind: 'erase'; scope: 'speaker' | 'household' }
  | { kind: 'create-reminder'; dialog: BedtimeDialog };

export interface Outcomes {
  save: boolean;
  'make-clip': string | undefined;
  erase: boolean;
  'create-reminder': ReminderOutcome;
}

export interface ReminderOutcome {
  outcome: 'created' | 'no-permission' | 'failed';
  status?: number;
  code?: string;
}

/** An effect first, then (pure) what to do with its outcome. */
export interface AfterEffect<K extends Effect['kind'] = Effect['kind']> {
  effect: Extract<Effect, { kind: K }>;
  /** Not `then`: a plan must never look like a promise (awaiting one would run it as one). */
  next: (outcome: Outcomes[K]) => Plan;
}

export type Plan = Answer | AfterEffect;

export const after = <K extends Effect['kind']>(effect: Extract<Effect, { kind: K }>, next: (outcome: Outcomes[K]) => Plan): Plan =>
  ({ effect, next }) as unknown as AfterEffect;

export const isAfterEffect = (plan: Plan): plan is AfterEffect => 'effect' in plan;

/** The same plan with `change` applied to whichever answer it ends in. */
export function mapAnswer(plan: Plan, change: (answer: Answer) => Answer): Plan {
  if (!isAfterEffect(plan)) return change(plan);
  return { effect: plan.effect, next: (outcome: never) => mapAnswer(plan.next(outcome), change) } as AfterEffect;
}

/** True while the practice is audible or only momentarily held for the listener's request. */
export function isPlayingNow(device: DevicePlace | undefined): device is DevicePlace {
  return device?.activity === 'PLAYING' || device?.activity === 'PAUSED' || device?.activity === 'BUFFER_UNDERRUN';
}
