import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface DynamoConfig {
  region: string;
  /** A local DynamoDB (dynalite) instead of AWS. */
  endpoint?: string;
  /** A DynamoDB running inside this very process (the local server's dynalite). */
  inProcess?: boolean;
}

/**
 * Two short attempts instead of the SDK's patient defaults, sized so that both, with the backoff
 * between them (under 50 ms), fit inside the skill's store budget (DEFAULT_STORE_BUDGET_MS in
 * deadline.ts). A retry that could only start after the skill has stopped waiting would be no
 * use; this way a stalled connection (a keep-alive socket gone dead while a Lambda was frozen)
 * is retried on a fresh one in time. DynamoDB answers in milliseconds in its region, so 300 ms
 * is still generous for one attempt, connecting included.
 */
export const DYNAMO_CONNECTION_TIMEOUT_MS = 200;
export const DYNAMO_REQUEST_TIMEOUT_MS = 300;
export const DYNAMO_MAX_ATTEMPTS = 2;

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
    ...(local && !process.env.AWS_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
}
