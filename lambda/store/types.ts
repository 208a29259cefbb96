import type { Progress } from '../playback/progress';
import type { BedtimeOffer, ListenerRecord, Preferences, ProgressExtras, SankalpaRecord } from '../playback/record';

// The listener's record is the domain's (playback/record.ts); the store persists it.
export type { BedtimeOffer, DeviceZone, ListenerRecord, Preferences, ProgressExtras, SankalpaRecord } from '../playback/record';

export type SaveOutcome = 'saved' | 'stale';

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
