/**
 * Runs one Lambda bundle in its own plain `node` process (the benchmark compiles this file with
 * esbuild first, so no TypeScript loader skews the timings).
 *   cold <bundle> <event.json>  load the bundle, answer one request, print figures, exit
 *   serve <bundle>              answer batches of requests sent over IPC, timing each one
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { RESULT_MARKER, type ColdResult, type ServeReply, type ServeRequest } from './protocol';

type Handler = (event: unknown, context: unknown, callback?: (error: unknown, response: unknown) => void) => unknown;

/** Callback-style handlers (`.lambda()`, the standard pattern) and async ones alike. */
function invoke(handler: Handler, event: unknown): Promise<unknown> {
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      handler(event, {}, (error, response) => (error ? reject(error) : resolve(response)));
    });
  }
  return Promise.resolve(handler(event, {}));
}

/** Either DynamoDB client requires node:https when it loads; nothing else in either skill does. */
function dynamoClientLoaded(): boolean {
  const loaded = (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
  return loaded.includes('NativeModule https');
}

async function cold(bundle: string, eventFile: string): Promise<void> {
  const event = JSON.parse(readFileSync(eventFile, 'utf8')) as unknown;
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(bundle) as { handler: Handler };
  const loaded = performance.now();
  let ok = true;
  try {
    const response = (await invoke(handler, event)) as { response?: unknown };
    ok = Boolean(response?.response);
  } catch {
    ok = false;
  }
  const answered = performance.now();
  const usage = process.resourceUsage();
  const result: ColdResult = {
    loadMs: loaded - start,
    firstRequestMs: answered - loaded,
    maxRssKb: usage.maxRSS,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    dynamoClientLoaded: dynamoClientLoaded(),
    ok,
  };
  // After a marker: the skill's own log lines share stdout.
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`);
  // Keep-alive sockets would hold the process open; a Lambda sandbox is frozen here anyway.
  process.exit(0);
}

function serve(bundle: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(bundle) as { handler: Handler };
  process.on('message', async ({ id, events }: ServeRequest) => {
    const reply: ServeReply = { id, ms: [], responses: [], maxRssKb: 0 };
    try {
      for (const event of events) {
        const start = performance.now();
        const response = await invoke(handler, event);
        reply.ms.push(performance.now() - start);
        reply.responses.push(response);
      }
    } catch (error) {
      reply.error = String(error);
    }
    reply.maxRssKb = process.resourceUsage().maxRSS;
    process.send?.(reply);
  });
  process.send?.({ id: 0, ms: [], responses: [], maxRssKb: 0 } satisfies ServeReply);
}

const [mode, bundle, eventFile] = process.argv.slice(2);
if (mode === 'cold') void cold(bundle, eventFile);
else if (mode === 'serve') serve(bundle);
