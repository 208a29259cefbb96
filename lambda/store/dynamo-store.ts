/**
 * The listener store over the AWS SDK's DynamoDBClient: for tests about that client, the
 * benchmark's baseline and tools. The Lambda uses its lean wire client (wire.ts) instead; the
 * table logic is the same (listener-table.ts).
 */
import { GetItemCommand, PutItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createItemStore } from './listener-table';
import type { ListenerStore } from './types';

export { createItemStore, type ItemCalls } from './listener-table';

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

