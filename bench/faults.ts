/**
 * `npm run bench:faults`: how fast the skill answers while DynamoDB misbehaves. The real skill on
 * each real client (the SDK's, and the Lambda's lean wire client) talks to an in-process dynalite
 * through the fault proxy the tests use; for each fault and request type it sends N requests one
 * at a time and prints the median and slowest answer. PASS means every answer was one a real Echo
 * accepts, doing what it should (the practice plays, pause stops it), and the slowest came within
 * 1 s; the run exits non-zero on any FAIL or on an unhandled promise rejection.
 * Options: --runs N requests per cell (default 10).
 */
import { performance } from 'node:perf_hooks';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { spineNidra } from '../models/spine-nidra';
import { buildCatalog } from '../lambda/playback/catalog';
import { encodeToken } from '../lambda/playback/token';
import { DYNAMO_CONNECTION_TIMEOUT_MS, DYNAMO_MAX_ATTEMPTS, DYNAMO_REQUEST_TIMEOUT_MS } from '../lambda/store/limits';
import { DEFAULT_STORE_BUDGET_MS } from '../lambda/store/deadline';
import { closedEndpoint, startFaultProxy, type FaultMode } from '../testkit/fault-proxy';
import { CLIENT_KINDS, createFaultSkill } from '../testkit/fault-skill';
import { audioEvent, intent, launch, playOf, speechOf } from '../testkit/envelopes';
import { estimatedManifest } from '../tools/estimated-manifest';
import { startBenchDynamo } from './dynamo';
import { grid, median, ms } from './stats';

const at = process.argv.indexOf('--runs');
const RUNS = at >= 0 ? Number(process.argv[at + 1]) : 10;
const TARGET_MS = 1_000;
const TABLE = 'bench-faults';

/** 'refused' is a closed port; the rest are the proxy's modes. A slow DynamoDB answers after 2 s. */
const FAULTS = ['pass', 'unreachable', 'refused', 'slow', 'throttled', 'internal'] as const;
const REQUESTS = ['Launch', 'PlaybackStarted', 'PlaybackStopped', 'PlaybackNearlyFinished', 'PauseIntent'] as const;
type Fault = (typeof FAULTS)[number];
type RequestName = (typeof REQUESTS)[number];

interface Cell {
  times: number[];
  attempts: number;
  problems: Set<string>;
}

const catalog = buildCatalog(spineNidra, estimatedManifest());
const token = encodeToken(catalog, { variant: 'standard', segmentId: 'body-scan', nonce: 'bench001', attempt: 0, clip: '' });

/** Each request a second after the last, so every progress write is newer than the one before. */
let eventMs = Date.now() - 3_600_000;
function requestOf(name: RequestName, userId: string): RequestEnvelope {
  eventMs += 1_000;
  const options = { userId, timestamp: new Date(eventMs).toISOString() };
  const player = { token, offsetInMilliseconds: 60_000, playerActivity: 'PLAYING' };
  switch (name) {
    case 'Launch':
      return launch(options);
    case 'PauseIntent':
      return intent('AMAZON.PauseIntent', { ...options, player });
    case 'PlaybackNearlyFinished':
      return audioEvent(name, token, 170_000, options);
    default:
      return audioEvent(name, token, 60_000, options);
  }
}

/** What the answer must do, beyond Alexa's rules (which send() already enforces). */
function problemWith(name: RequestName, fault: Fault, response: ResponseEnvelope): string | undefined {
  const directives = response.response.directives ?? [];
  if (name === 'Launch') {
    // With DynamoDB answering, a returning listener may be offered to resume instead.
    if (!speechOf(response)) return 'Launch said nothing';
    if (!playOf(response) && (fault !== 'pass' || !response.response.reprompt)) return 'Launch did not start the practice';
  }
  if (name === 'PauseIntent' && !directives.some((d) => d.type === 'AudioPlayer.Stop')) return 'Pause did not stop';
  if (name === 'PlaybackNearlyFinished' && playOf(response)?.behavior !== 'ENQUEUE') return 'NearlyFinished enqueued nothing';
  return undefined;
}

async function main(): Promise<void> {
  const unhandled: unknown[] = [];
  process.on('unhandledRejection', (reason) => unhandled.push(reason));
  const dynamo = await startBenchDynamo([TABLE]);
  const proxy = await startFaultProxy(dynamo.endpoint);
  const refused = await closedEndpoint();
  const cells = new Map<string, Cell>();
  const started = performance.now();
  try {
    for (const kind of CLIENT_KINDS) {
      for (const fault of FAULTS) {
        proxy.setMode(fault === 'refused' ? 'pass' : (fault as FaultMode), { holdMs: 2_000, then: 'forward' });
        // A fresh client per fault, as a Lambda container meeting it would have.
        const skill = createFaultSkill(kind, fault === 'refused' ? refused : proxy.endpoint, TABLE, { catalog, now: Date.now });
        const userId = `amzn1.ask.account.BENCH-FAULTS-${kind.toUpperCase()}`;
        for (let run = 0; run < RUNS; run += 1) {
          for (const name of REQUESTS) {
            const cell = cells.get(`${kind} ${fault} ${name}`) ?? { times: [], attempts: 0, problems: new Set<string>() };
            cells.set(`${kind} ${fault} ${name}`, cell);
            proxy.reset();
            const request = requestOf(name, userId);
            const t0 = performance.now();
            try {
              const response = await skill.send(request);
              cell.times.push(performance.now() - t0);
              const problem = problemWith(name, fault, response);
              if (problem) cell.problems.add(problem);
            } catch (error) {
              cell.times.push(performance.now() - t0);
              cell.problems.add(String(error));
            }
            // Untimed: let calls the skill stopped waiting for finish, so each request starts on a quiet client.
            await skill.settled();
            cell.attempts += proxy.seen;
          }
        }
        skill.close();
      }
    }
  } finally {
    await proxy.close();
    await dynamo.close();
  }

  const rows: string[][] = [];
  let passed = unhandled.length === 0;
  for (const kind of CLIENT_KINDS) {
    rows.push([`${kind === 'sdk' ? 'AWS SDK DynamoDBClient (tests, local server)' : 'wire client (the Lambda)'}`]);
    for (const fault of FAULTS) {
      for (const name of REQUESTS) {
        const cell = cells.get(`${kind} ${fault} ${name}`) as Cell;
        const slowest = Math.max(...cell.times);
        const ok = cell.problems.size === 0 && slowest <= TARGET_MS;
        passed &&= ok;
        const attempts = fault === 'refused' ? '-' : (cell.attempts / cell.times.length).toFixed(1);
        rows.push([`  ${fault}`, name, ms(median(cell.times)), ms(slowest), attempts, `≤ ${TARGET_MS} ms`, ok ? 'PASS' : 'FAIL']);
        for (const problem of cell.problems) rows.push([`    ${problem}`]);
      }
    }
  }
  console.log(
    `Spine Nidra with DynamoDB failing: ${RUNS} requests per cell, one at a time; store budget ${DEFAULT_STORE_BUDGET_MS} ms per call,` +
      ` ${DYNAMO_MAX_ATTEMPTS} attempts of ${DYNAMO_REQUEST_TIMEOUT_MS} ms (connect ${DYNAMO_CONNECTION_TIMEOUT_MS} ms)\n`,
  );
  console.log(grid(['DynamoDB', 'request', 'median', 'max', 'attempts', 'target', ''], rows));
  console.log(`\nunhandled rejections: ${unhandled.length}`);
  console.log(`${passed ? 'PASS' : 'FAIL'} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  if (!passed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
