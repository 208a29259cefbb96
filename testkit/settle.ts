/**
 * Knows when every call into a store has really finished, including the ones the skill stopped
 * waiting for at its deadline, so a test can count what reached DynamoDB without sleeping.
 */
import { wrapStore, type ListenerStore } from '../lambda/store/types';

export interface Tracked {
  store: ListenerStore;
  /** Resolves once no call is running (the skill's deadline does not end a call; this waits for it). */
  settled(): Promise<void>;
}

export function trackCalls(store: ListenerStore): Tracked {
  const running = new Set<Promise<unknown>>();
  return {
    store: wrapStore(store, (_method, call) => {
      const result = call();
      const done = result.then(
        () => undefined,
        () => undefined,
      );
      running.add(done);
      void done.then(() => running.delete(done));
      return result;
    }),
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
