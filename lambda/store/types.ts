import type { Progress } from '../playback/progress';

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
  answer: 'accepted' | 'declined' | 'no-permission' | 'unanswered' | 'failed';
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

export type SaveOutcome = 'saved' | 'stale';

export interface ProgressExtras {
  /** This event began a fresh run through the practice, at this epoch second. */
  countStart?: boolean;
  startedAtSec?: number;
  /** This event finished the practice, at this ISO time. */
  completedAt?: string;
  /** A device's time zone, learned by this listener's Launch, written along (skill/device-zone.ts). */
  timeZone?: { device: string } & DeviceZone;
}

/** Everything the skill keeps about a listener, behind one narrow interface. */
export interface ListenerStore {
  load(listenerKey: string): Promise<ListenerRecord | undefined>;
  /** Writes only when `progress.seq` is newer than what is stored; an older event is 'stale'. */
  saveProgress(listenerKey: string, progress: Progress, extras?: ProgressExtras): Promise<SaveOutcome>;
  setSankalpa(listenerKey: string, sankalpa: SankalpaRecord): Promise<void>;
  clearSankalpa(listenerKey: string): Promise<void>;
  setPreferences(listenerKey: string, preferences: Preferences): Promise<void>;
  recordBedtimeOffer(listenerKey: string, offer: BedtimeOffer): Promise<void>;
  /** Notes a recognised voice's item on the account's item (idempotent). */
  addPerson(accountKey: string, personKey: string): Promise<void>;
  /**
   * Erases everything kept about a listener. What stays is a bare marker with only the hashed key
   * and `asOfSeq`, so an AudioPlayer event from before the erasure that arrives late is stale and
   * cannot bring any progress back; it expires on its own.
   */
  forget(listenerKey: string, asOfSeq: number): Promise<void>;
}

/** Every method of the store; TypeScript fails here when one is added and not listed. */
export const STORE_METHODS = Object.keys({
  load: true,
  saveProgress: true,
  setSankalpa: true,
  clearSankalpa: true,
  setPreferences: true,
  recordBedtimeOffer: true,
  addPerson: true,
  forget: true,
} satisfies Record<keyof ListenerStore, true>) as (keyof ListenerStore)[];

type AnyCall = (...args: unknown[]) => Promise<unknown>;

/** What runs around every store call: given the method's name and the call itself. */
export type AroundCall = <T>(method: keyof ListenerStore, call: () => Promise<T>) => Promise<T>;

/**
 * The one way to wrap a store: every call goes through `around`, to the store `target` gives
 * (which may load lazily). The deadline, the local server's shutdown guard, and the tests'
 * call counting are each just an `around`, so no wrapper lists the methods again.
 */
export function wrapStore(target: ListenerStore | (() => Promise<ListenerStore>), around: AroundCall = (_method, call) => call()): ListenerStore {
  const resolve = typeof target === 'function' ? target : async () => target;
  return Object.fromEntries(
    STORE_METHODS.map((name) => [name, (...args: unknown[]) => around(name, async () => ((await resolve())[name] as AnyCall)(...args))]),
  ) as unknown as ListenerStore;
}
