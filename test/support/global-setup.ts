import type { AddressInfo } from 'node:net';

/**
 * Starts one in-memory dynalite for the whole run on a random loopback port. Test files create
 * their own tables, so they never see each other's listeners.
 */
export default async function globalSetup(): Promise<void> {
  // dynalite ships no types; its factory returns a node http.Server.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (options: object) => import('node:http').Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${port}`;
  (globalThis as { __DYNALITE__?: unknown }).__DYNALITE__ = server;
}
