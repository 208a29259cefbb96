/**
 * How the skill talks to DynamoDB, whichever client carries the calls: where, and how long it may
 * take. The Lambda's wire client (wire.ts) and the SDK client (local/sdk-dynamo.ts, for tests and
 * tools) share these.
 */
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
