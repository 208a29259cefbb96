/**
 * Records unhandled promise rejections in this process while a test runs.
 *
 * Jest gives each test file a copy of `process` whose listeners Node never calls, so the listener
 * goes on the real one, reached through a function from outside the test's sandbox (Buffer's
 * constructor belongs to the host realm). Outside jest that is simply `process`.
 */
export interface RejectionWatch {
  readonly reasons: readonly unknown[];
  stop(): void;
}

export function watchUnhandledRejections(): RejectionWatch {
  const host = (Buffer.constructor('return process') as () => NodeJS.Process)();
  const reasons: unknown[] = [];
  const record = (reason: unknown) => reasons.push(reason);
  host.on('unhandledRejection', record);
  return { reasons, stop: () => void host.off('unhandledRejection', record) };
}
