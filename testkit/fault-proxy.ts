/**
 * A DynamoDB that misbehaves on demand: an HTTP proxy on loopback in front of dynalite whose
 * mode a test switches at will. Faults are made on the wire, so the real clients (the SDK's and
 * the Lambda's lean one) meet them exactly as they would meet AWS having a bad minute.
 */
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultMode = 'pass' | 'unreachable' | 'slow' | 'throttled' | 'internal';

export interface SlowOptions {
  /** How long each request is held; without it, until release() or close(). */
  holdMs?: number;
  /**
   * After the hold: 'forward' to dynalite even if the client gave up meanwhile (a write that
   * lands late, as it can on AWS), or 'drop' the connection unanswered.
   */
  then?: 'forward' | 'drop';
}

export interface FaultProxy {
  /** Point a DynamoDB client here. */
  readonly endpoint: string;
  readonly mode: FaultMode;
  setMode(mode: FaultMode, slow?: SlowOptions): void;
  /** Attempts seen since the last reset: HTTP requests, plus connections cut while 'unreachable'. */
  readonly seen: number;
  /** The DynamoDB operation of each HTTP request seen (a cut connection has none). */
  readonly operations: readonly string[];
  /** Requests that reached dynalite. */
  readonly forwarded: number;
  /** Requests held by 'slow' right now. */
  readonly held: number;
  reset(): void;
  /** Ends every hold now, each as its mode said; resolves once dynalite has answered the forwarded ones. */
  release(): Promise<void>;
  /** Drops whatever is held and closes every socket, so nothing keeps the process alive. */
  close(): Promise<void>;
}

const ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

/** The JSON error bodies DynamoDB answers with for the two server-side faults. */
export const FAULT_ANSWERS = {
  throttled: {
    status: 400,
    body: {
      __type: `${ERROR_PREFIX}ProvisionedThroughputExceededException`,
      message:
        'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
    },
  },
  internal: { status: 500, body: { __type: `${ERROR_PREFIX}InternalServerError`, message: 'Internal server error' } },
} as const;

interface Held {
  then: 'forward' | 'drop';
  timer?: NodeJS.Timeout;
  end(): Promise<void>;
}

export async function startFaultProxy(upstream = process.env.DYNAMODB_ENDPOINT): Promise<FaultProxy> {
  if (!upstream) throw new Error('no DynamoDB to stand in front of (jest global setup sets DYNAMODB_ENDPOINT)');
  // Our own agent, so the proxy's connections to dynalite close with it.
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const held = new Set<Held>();
  let mode: FaultMode = 'pass';
  let slow: SlowOptions = {};
  let seen = 0;
  let forwarded = 0;
  let operations: string[] = [];

  const forward = (incoming: IncomingMessage, body: Buffer, outgoing: ServerResponse) =>
    new Promise<void>((resolve) => {
      forwarded += 1;
      const upstreamRequest = request(
        `${upstream}${incoming.url ?? '/'}`,
        { method: incoming.method, headers: incoming.headers, agent },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('end', () => {
            // The client may have given up long ago; dynalite has acted on the request all the same.
            if (!outgoing.destroyed) outgoing.writeHead(answer.statusCode ?? 500, answer.headers).end(Buffer.concat(parts));
            resolve();
          });
          answer.on('error', () => resolve());
        },
      );
      upstreamRequest.on('error', () => {
        outgoing.destroy();
        resolve();
      });
      upstreamRequest.end(body);
    });

  const answerWith = (outgoing: ServerResponse, fault: keyof typeof FAULT_ANSWERS) => {
    const { status, body } = FAULT_ANSWERS[fault];
    outgoing.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'fault-proxy' }).end(JSON.stringify(body));
  };

  const hold = (incoming: IncomingMessage, body: Buffer, outgoing: ServerResponse) => {
    const entry: Held = {
      then: slow.then ?? 'forward',
      end: async () => {
        if (!held.delete(entry)) return;
        clearTimeout(entry.timer);
        if (entry.then === 'forward') await forward(incoming, body, outgoing);
        else outgoing.destroy();
      },
    };
    held.add(entry);
    if (slow.holdMs !== undefined) entry.timer = setTimeout(() => void entry.end(), slow.holdMs);
  };

  const server = createServer((incoming, outgoing) => {
    if (mode === 'unreachable') {
      // A keep-alive connection from before the fault: cut it as the fault would.
      seen += 1;
      incoming.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      seen += 1;
      operations.push(
        String(incoming.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() ?? '',
      );
      const body = Buffer.concat(chunks);
      if (mode === 'throttled' || mode === 'internal') answerWith(outgoing, mode);
      else if (mode === 'slow') hold(incoming, body, outgoing);
      else void forward(incoming, body, outgoing);
    });
  });
  server.on('connection', (socket: Socket) => {
    if (mode === 'unreachable') {
      seen += 1;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    setMode(next, options = {}) {
      mode = next;
      slow = options;
    },
    get seen() {
      return seen;
    },
    get operations() {
      return operations;
    },
    get forwarded() {
      return forwarded;
    },
    get held() {
      return held.size;
    },
    reset() {
      seen = 0;
      forwarded = 0;
      operations = [];
    },
    async release() {
      await Promise.all([...held].map((entry) => entry.end()));
    },
    async close() {
      for (const entry of held) entry.then = 'drop';
      await Promise.all([...held].map((entry) => entry.end()));
      const closed = new Promise((resolve) => server.close(resolve));
      sockets.forEach((socket) => socket.destroy());
      await closed;
      agent.destroy();
    },
  };
}

/**
 * An endpoint nothing listens on: connecting is refused at once, as when the host is up but
 * nothing serves DynamoDB there. The port was ours a moment ago, so nothing else is on it.
 */
export async function closedEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
