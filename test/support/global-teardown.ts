import type { Server } from 'node:http';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __DYNALITE__?: Server }).__DYNALITE__;
  if (server) await new Promise((resolve) => server.close(resolve));
}
