import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface DynamoConfig {
  region: string;
  /** A local DynamoDB (dynalite) instead of AWS. */
  endpoint?: string;
}

/**
 * Alexa waits 8 s for the whole response, so DynamoDB gets at most two short attempts
 * (about 2 s in the worst case) instead of the SDK's patient defaults.
 */
export const DYNAMO_CONNECTION_TIMEOUT_MS = 300;
export const DYNAMO_REQUEST_TIMEOUT_MS = 800;
export const DYNAMO_MAX_ATTEMPTS = 2;

export function createDynamoClient(config: DynamoConfig): DynamoDBClient {
  const local = Boolean(config.endpoint);
  return new DynamoDBClient({
    region: config.region,
    endpoint: config.endpoint,
    maxAttempts: DYNAMO_MAX_ATTEMPTS,
    requestHandler: {
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
