/**
 * A time budget on every store call. The clients' own timeouts bound each DynamoDB attempt, but
 * not what lies around them (the SDK's backoff after a throttle, a slow credentials or DNS
 * lookup, the lazy import of the client on a cold start), and an AudioPlayer event must be
 * answered well within a second whatever DynamoDB does. Past the budget the call rejects with
 * StoreDeadlineError, which handlers already treat like any failed read or write: log and carry on.
 */

import { wrapStore, type ListenerStore } from './types';

/** Per store call. Each request makes at most one call on the playback path, so this is its budget too. */
export const DEFAULT_STORE_BUDGET_MS = 700;

export class StoreDeadlineError extends Error {
  override name = 'StoreDeadlineError';
  constructor(
    readonly method: string,
    readonly budgetMs: number,
  ) {
    super(`store ${method} gave no answer within ${budgetMs} ms`);
  }
}

/** A call that lost the race and settled afterwards: what became of it, and when. */
export interface LateCall {
  method: string;
  outcome: 'resolved' | 'rejected';
  afterMs: number;
  error?: unknown;
}

/**
 * The same store with every call bounded by `budgetMs` (an `around` for wrapStore, so a method
 * added to the store later is bounded too). The call that lost keeps running: a read's answer is
 * simply dropped, and a progress write that lands late is harmless, because every progress write
 * is conditioned on its event being newer than what is stored (so it can never overwrite a newer
 * place written meanwhile).
 */
export function withDeadline(
  store: ListenerStore,
  budgetMs: number,
  onLate: (late: LateCall) => void = () => undefined,
  now: () => number = Date.now,
): ListenerStore {
  return wrapStore(store, (method, call) => race(call(), method, budgetMs, onLate, now));
}

function race<T>(work: Promise<T>, method: string, budgetMs: number, onLate: (late: LateCall) => void, now: () => number): Promise<T> {
  const startedAt = now();
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new StoreDeadlineError(method, budgetMs));
    }, budgetMs);
    // Never the reason a process (the local server, a test run) stays alive.
    timer.unref();
    const report = (outcome: LateCall['outcome'], error?: unknown) => {
      try {
        onLate({ method, outcome, afterMs: now() - startedAt, ...(outcome === 'rejected' ? { error } : {}) });
      } catch {
        // A failing report must not turn into an unhandled rejection of its own.
      }
    };
    // Both handlers are always attached, so the losing call's failure is handled, never unhandled.
    work.then(
      (value) => {
        if (late) return report('resolved');
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (late) return report('rejected', error);
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
