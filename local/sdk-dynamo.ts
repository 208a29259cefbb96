/**
 * The AWS SDK's DynamoDBClient, and the listener store over it: for tests about that client, the
 * benchmark's baseline and tools. The Lambda ships its lean wire client instead (lambda/store/
 * wire.ts) with the same limits and the same table logic (lambda/store/listener-table.ts).
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DYNAMO_CONNECTION_TIMEOUT_MS, DYNAMO_MAX_ATTEMPTS, DYNAMO_REQUEST_TIMEOUT_MS, type DynamoConfig } from '../lambda/store/limits';
import { createItemStore } from '../lambda/store/listener-table';
import type { ListenerStore } from '../lambda/store/types';

export function createDynamoClient(config: DynamoConfig): DynamoDBClient {
  const local = Boolean(config.endpoint);
  return new DynamoDBClient({
    region: config.region,
    endpoint: config.endpoint,
    maxAttempts: DYNAMO_MAX_ATTEMPTS,
    requestHandler: config.inProcess
      ? // dynalite in the server's own process: its "latency" is the server's own queue of work, and the
        // SDK's pool of 50 sockets would make a call wait for a socket against its connection timeout.
        { httpAgent: { maxSockets: Infinity } }
      : {
          connectionTimeout: DYNAMO_CONNECTION_TIMEOUT_MS,
          requestTimeout: DYNAMO_REQUEST_TIMEOUT_MS,
          // Without this the SDK only warns when the timeout passes, and keeps waiting.
          throwOnRequestTimeout: true,
        },
    // A local DynamoDB accepts any credentials; AWS uses the Lambda role's.
    ...(local && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

export function createDynamoStore(client: DynamoDBClient, tableName: string): ListenerStore {
  return createItemStore(
    {
      // The table logic speaks DynamoDB's JSON; the SDK's own types for it are the same shapes.
      getItem: async (input) => (await client.send(new GetItemCommand(input as never))) as never,
      updateItem: (input) => client.send(new UpdateItemCommand(input as never)),
      putItem: (input) => client.send(new PutItemCommand(input as never)),
    },
    tableName,
  );
}
