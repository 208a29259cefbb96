/**
 * The Lambda's DynamoDB client: DynamoDB's JSON protocol over a keep-alive HTTPS connection,
 * SigV4-signed (sigv4.ts, checked against the AWS SDK's own signer). The SDK's DynamoDBClient (schemas for every operation,
 * endpoint rules, middleware, shared-config file lookups) costs as much to load as the rest of the
 * skill, and a Launch needs one GetItem: `npm run bench` shows the difference. Same limits as the
 * SDK client in client.ts: two short attempts, both inside the skill's store budget.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { DYNAMO_CONNECTION_TIMEOUT_MS, DYNAMO_MAX_ATTEMPTS, DYNAMO_REQUEST_TIMEOUT_MS, type DynamoConfig } from './limits';
import { createItemStore, type ItemCalls } from './listener-table';
import { signPost } from './sigv4';
import type { ListenerStore } from './types';

/** An error DynamoDB answered with (named after its type, as the SDK names them), or a transport failure. */
export class DynamoWireError extends Error {
  constructor(
    name: string,
    message: string,
    readonly statusCode: number | undefined,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = name;
  }
}

const RETRYABLE_TYPES = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'InternalServerError',
  'ServiceUnavailable',
]);

export interface DynamoWire extends ItemCalls {
  call<T>(operation: string, input: object): Promise<T>;
  destroy(): void;
}

/**
 * A DynamoDB inside this very process (the local server's dynalite) answers when the server's own
 * queue of work gets to it: its "latency" is load, not a sick network, so it gets the local budget.
 */
const IN_PROCESS_TIMEOUT_MS = 3_000;

export function createDynamoWire(config: DynamoConfig): DynamoWire {
  const url = new URL(config.endpoint ?? `https://dynamodb.${config.region}.amazonaws.com`);
  const limits = config.inProcess
    ? { connectMs: IN_PROCESS_TIMEOUT_MS, requestMs: IN_PROCESS_TIMEOUT_MS }
    : { connectMs: DYNAMO_CONNECTION_TIMEOUT_MS, requestMs: DYNAMO_REQUEST_TIMEOUT_MS };
  const secure = url.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });

  async function attempt(operation: string, body: string): Promise<unknown> {
    const headers = signPost({
      region: config.region,
      service: 'dynamodb',
      credentials: credentials(Boolean(config.endpoint)),
      headers: { host: url.host, 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` },
      body,
      nowMs: Date.now(),
    });
    const { status, text } = await post(url, secure, agent, headers, body, limits);
    const parsed = (text ? JSON.parse(text) : {}) as { __type?: string; message?: string; Message?: string };
    if (status === 200) return parsed;
    const type = (parsed.__type ?? 'UnknownError').split('#').pop() as string;
    throw new DynamoWireError(
      type,
      parsed.message ?? parsed.Message ?? `DynamoDB answered ${status}`,
      status,
      status >= 500 || RETRYABLE_TYPES.has(type),
    );
  }

  async function call<T>(operation: string, input: object): Promise<T> {
    const body = JSON.stringify(input);
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      try {
        return (await attempt(operation, body)) as T;
      } catch (error) {
        const retryable = !(error instanceof DynamoWireError) || error.retryable;
        if (!retryable || attemptNumber >= DYNAMO_MAX_ATTEMPTS) throw error;
        // A dropped keep-alive socket after a Lambda freeze fails fast; a short jittered pause suffices.
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
      }
    }
  }

  return {
    call,
    getItem: (input) => call('GetItem', input),
    updateItem: (input) => call('UpdateItem', input),
    putItem: (input) => call('PutItem', input),
    destroy: () => agent.destroy(),
  };
}

/**
 * The Lambda's listener store: the shared table logic over this client. Imported on its own (not
 * dynamo-store's whole module) so the bundle carries no AWS SDK DynamoDB client at all.
 */
export function createWireStore(config: DynamoConfig, tableName: string): ListenerStore {
  return createItemStore(createDynamoWire(config), tableName);
}

/** Lambda passes the role's credentials in the environment; a local DynamoDB accepts any. */
function credentials(local: boolean) {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined };
  if (local) return { accessKeyId: 'local', secretAccessKey: 'local' };
  throw new DynamoWireError('CredentialsError', 'no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)', undefined, false);
}

/** One POST: at most `limits.connectMs` to connect and `limits.requestMs` in all. */
function post(
  url: URL,
  secure: boolean,
  agent: HttpAgent,
  headers: Record<string, string>,
  body: string,
  limits: { connectMs: number; requestMs: number },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request: ClientRequest = (secure ? httpsRequest : httpRequest)({
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port || undefined,
      path: '/',
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      agent,
    });
    const fail = (name: string, message: string) => request.destroy(new DynamoWireError(name, message, undefined, true));
    const overall = setTimeout(() => fail('TimeoutError', `no answer within ${limits.requestMs} ms`), limits.requestMs);
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      const connecting = setTimeout(() => fail('TimeoutError', `no connection within ${limits.connectMs} ms`), limits.connectMs);
      socket.once('connect', () => clearTimeout(connecting));
      socket.once('close', () => clearTimeout(connecting));
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(overall);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', (error) => {
        clearTimeout(overall);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(overall);
      reject(error);
    });
    request.end(body);
  });
}
