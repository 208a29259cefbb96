/**
 * What the skill keeps about a listener, as the domain sees it: the shapes the core decides over
 * and the store persists (store/types.ts re-exports them for the store's side). Types only.
 */
import type { Progress } from './progress';

/** A local time of day, as a routine or a reminder is set at. */
export interface DailyTime {
  hour: number;
  minute: number;
}

export interface SankalpaRecord {
  text: string;
  /** ISO time it was set. */
  setAt: string;
  /** Content key of the rendered personal clip, once it exists. */
  clipKey?: string;
}

/** What a listener chose by voice; absent means the default (or, for the ending, the clock decides). */
export interface Preferences {
  /** Leave out the tensing: the gentle start. */
  gentle?: boolean;
  /** The nature sounds under the voice; on unless turned off. */
  nature?: boolean;
  length?: 'full' | 'short';
  ending?: 'bedtime' | 'daytime';
  /** A longer final rest. */
  restful?: boolean;
  /** Minutes the forest sounds carry on after the practice (playback/sleep-sounds.ts); absent for none. */
  sleepMinutes?: number;
}

export interface BedtimeOffer {
  /** ISO time it was made. */
  at: string;
  answer: 'accepted' | 'declined' | 'no-permission' | 'unanswered' | 'failed' | 'already-enabled';
  /** A routine offered through Alexa (absent: the reminder). */
  via?: 'routine';
}

/** A device's time zone as Alexa's Settings API last told it (skill/device-zone.ts). */
export interface DeviceZone {
  zone: string;
  /** Epoch seconds it was asked. */
  checkedAt: number;
}

export interface ListenerRecord {
  progress?: Progress;
  sankalpa?: SankalpaRecord;
  preferences?: Preferences;
  startedCount: number;
  completedCount: number;
  lastCompletedAt?: string;
  /** When each fresh run through the practice began (epoch seconds), for streaks. */
  practiceStarts?: number[];
  /** On an account's item: the keys of the household's recognised voices, so erasing the account reaches them. */
  people?: string[];
  bedtimeOffer?: BedtimeOffer;
  /** The listener asked to be forgotten and nothing has been written since. */
  erased?: boolean;
  /** Time zones of the devices this listener launches from, by hashed device id. */
  timeZones?: Record<string, DeviceZone>;
}

export interface ProgressExtras {
  /** This event began a fresh run through the practice, at this epoch second. */
  countStart?: boolean;
  startedAtSec?: number;
  /** This event finished the practice, at this ISO time. */
  completedAt?: string;
  /** A device's time zone, learned by this listener's Launch, written along (skill/device-zone.ts). */
  timeZone?: { device: string } & DeviceZone;
}
