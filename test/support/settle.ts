/**
 * Knows when every call into a store has really finished, including the ones the skill stopped
 * waiting for at its deadline, so a test can count what reached DynamoDB without sleeping.
 */
export interface Tracked<S> {
  store: S;
  /** Resolves once no call is running (the skill's deadline does not end a call; this waits for it). */
  settled(): Promise<void>;
}

export function trackCalls<S extends object>(store: S): Tracked<S> {
  const running = new Set<Promise<unknown>>();
  const tracked = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        const done = result.then(
          () => undefined,
          () => undefined,
        );
        running.add(done);
        void done.then(() => running.delete(done));
        return result;
      };
    },
  });
  return {
    store: tracked,
    async settled() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
