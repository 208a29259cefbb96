import { backendFromEnv, startLocalDynamo, type RunningDynamo } from './local-dynamodb';

/**
 * Starts one local DynamoDB for the whole run on a random loopback port (dynalite, or Amazon's
 * DynamoDB Local with DYNAMODB_BACKEND=dynamodb-local). Test files create their own tables, so they
 * never see each other's listeners.
 */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startLocalDynamo(backendFromEnv());
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.DYNAMODB_BACKEND = dynamo.backend;
  (globalThis as { __LOCAL_DYNAMO__?: RunningDynamo }).__LOCAL_DYNAMO__ = dynamo;
}
