/**
 * Stands in for lambda/store/wire.ts in the benchmark's "SDK client" variants of our bundle: the
 * same store logic over the AWS SDK's DynamoDBClient (still loaded lazily, on the first request
 * that needs it). Measures what the lean wire client buys on a cold start.
 */
import type { DynamoConfig } from '../../lambda/store/limits';
import { createDynamoClient } from '../../local/sdk-dynamo';
import { createDynamoStore } from '../../local/sdk-dynamo';
import type { ListenerStore } from '../../lambda/store/types';

export function createWireStore(config: DynamoConfig, tableName: string): ListenerStore {
  return createDynamoStore(createDynamoClient(config), tableName);
}
