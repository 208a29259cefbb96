/**
 * DynamoDB for the benchmark: one dynalite on loopback, plus a metering proxy in front of it that
 * asks for ReturnConsumedCapacity on every item call and adds up what comes back. Metering at the
 * wire counts both skills the same way without touching either one's code.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDynamoWire } from '../lambda/store/wire';

export interface Meter {
  calls: number;
  readUnits: number;
  writeUnits: number;
  /** Operation names, in order, since the last reset. */
  operations: string[];
}

export interface BenchDynamo {
  /** Straight to dynalite: for timings. */
  endpoint: string;
  /** Through the metering proxy: for counting calls and request units. */
  meteredEndpoint: string;
  meter: Meter;
  resetMeter(): Meter;
  close(): Promise<void>;
}

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

/** Same schema as serverless.yml's table. Through the wire client: the parent then loads no AWS SDK. */
async function createTables(endpoint: string, tables: readonly string[]): Promise<void> {
  const wire = createDynamoWire({ region: 'us-east-1', endpoint });
  for (const TableName of tables) {
    await wire.call('CreateTable', {
      TableName,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    while ((await wire.call<{ Table: { TableStatus: string } }>('DescribeTable', { TableName })).Table.TableStatus !== 'ACTIVE') {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  wire.destroy();
}

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

export async function startBenchDynamo(tables: readonly string[]): Promise<BenchDynamo> {
  // dynalite ships no types; its factory returns a node http.Server.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (options: object) => Server;
  const db = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const endpoint = await listen(db);
  await createTables(endpoint, tables);

  let meter: Meter = { calls: 0, readUnits: 0, writeUnits: 0, operations: [] };
  const proxy = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const operation =
        String(incoming.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '';
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const metered = 'TableName' in input || 'RequestItems' in input || 'TransactItems' in input;
      if (metered) input.ReturnConsumedCapacity = 'TOTAL';
      const body = Buffer.from(JSON.stringify(input));
      const headers = { ...incoming.headers, 'content-length': String(body.length) };
      const forward = request(`${endpoint}${incoming.url ?? '/'}`, { method: incoming.method, headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (part: Buffer) => parts.push(part));
        answer.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          if (metered) {
            const reply = JSON.parse(text || '{}') as { ConsumedCapacity?: { CapacityUnits?: number } };
            // A write refused by its condition returns no figure, but DynamoDB still bills it (at least 1 unit).
            const units = reply.ConsumedCapacity?.CapacityUnits ?? (READS.has(operation) ? 0 : 1);
            meter.calls += 1;
            meter.operations.push(operation);
            if (READS.has(operation)) meter.readUnits += units;
            else meter.writeUnits += units;
          }
          outgoing.writeHead(answer.statusCode ?? 500, answer.headers);
          outgoing.end(text);
        });
      });
      forward.on('error', (error) => outgoing.destroy(error));
      forward.end(body);
    });
  });
  const meteredEndpoint = await listen(proxy);

  return {
    endpoint,
    meteredEndpoint,
    get meter() {
      return meter;
    },
    resetMeter() {
      const previous = meter;
      meter = { calls: 0, readUnits: 0, writeUnits: 0, operations: [] };
      return previous;
    },
    close: async () => {
      await Promise.all([db, proxy].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
