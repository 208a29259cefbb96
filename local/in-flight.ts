/**
 * Shutdown without lost progress: every skill invocation and store call is counted, shutdown
 * waits for them, and once the database is about to close the store refuses new calls (the
 * skill then carries on without it, as it does when DynamoDB is slow) instead of writing into a
 * closed LevelDB, which would crash dynalite.
 */
import type { Skill as CustomSkill } from 'ask-sdk-core';
import { wrapStore, type ListenerStore } from '../lambda/store/types';

export interface InFlight {
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves when nothing is running, or after limitMs. */
  idle(limitMs: number): Promise<void>;
}

export function createInFlight(): InFlight {
  let running = 0;
  const waiters = new Set<() => void>();
  return {
    track(work) {
      running += 1;
      return work.finally(() => {
        running -= 1;
        if (running === 0) for (const wake of [...waiters]) wake();
      });
    },
    idle(limitMs) {
      if (running === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, limitMs);
        waiters.add(done);
      });
    },
  };
}

/** Counts the skill's invocations; the instance is ours, so its invoke is wrapped in place. */
export function trackInvocations(skill: CustomSkill, inFlight: InFlight): CustomSkill {
  const invoke = skill.invoke.bind(skill);
  skill.invoke = (envelope, context) => inFlight.track(invoke(envelope, context));
  return skill;
}

export function closableStore(store: ListenerStore, inFlight: InFlight): { store: ListenerStore; close(): void } {
  let closed = false;
  const guard = <T>(call: () => Promise<T>): Promise<T> =>
    closed ? Promise.reject(new Error('the local server is shutting down')) : inFlight.track(call());
  return {
    store: wrapStore(store, (_method, call) => guard(call)),
    close() {
      closed = true;
    },
  };
}
