/**
 * dynalite as the embedded DynamoDB, persisted in a LevelDB folder so progress survives restarts.
 * It listens on loopback only: the skill is its one client.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ensureTable } from './table';
import { createDynamoWire, type DynamoWire } from '../lambda/store/wire';

export interface LocalDatabase {
  /** The Lambda's own DynamoDB client, tuned for a DynamoDB in this process. */
  wire: DynamoWire;
  endpoint: string;
  /** Stops the endpoint and closes LevelDB, which writes everything out. */
  close(): Promise<void>;
}

export async function startLocalDatabase(dataDir: string, tableName: string): Promise<LocalDatabase> {
  mkdirSync(dataDir, { recursive: true });
  await ensureDataFolderFree(dataDir);
  // dynalite ships no types; its factory returns a node http.Server whose close() also closes LevelDB.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (options: object) => Server;
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const wire = createDynamoWire({ region: 'us-east-1', endpoint, inProcess: true });
  try {
    await ensureTable(wire, tableName);
  } catch (error) {
    wire.destroy();
    await closeServer(server);
    throw new Error(`cannot open the local database in ${dataDir}: ${(error as Error).message}`, { cause: error });
  }
  return {
    wire,
    endpoint,
    async close() {
      wire.destroy();
      await closeServer(server);
    },
  };
}

/**
 * dynalite opens LevelDB lazily and throws out of the process when it cannot (another npm start
 * holds the folder's lock), so open it once here first, with the very `level` dynalite uses.
 */
async function ensureDataFolderFree(dataDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Level } = require(require.resolve('level', { paths: [path.dirname(require.resolve('dynalite'))] })) as {
    Level: new (location: string) => { open(): Promise<void>; close(): Promise<void> };
  };
  const db = new Level(dataDir);
  try {
    await db.open();
  } catch (error) {
    const locked = (error as { cause?: { code?: string } }).cause?.code === 'LEVEL_LOCKED';
    throw new Error(
      locked
        ? `the data folder ${dataDir} is in use by another npm start; stop that one or set DATA_DIR`
        : `cannot open the data folder ${dataDir}: ${(error as Error).message}`,
    );
  }
  await db.close();
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
