/**
 * `npm run load`: many listeners (default 200) each play the whole practice at once against the
 * real local server (in-process, embedded dynalite on disk in a temp folder), as Echos driven
 * over HTTP. Time is simulated, so a 31-minute practice takes a few dozen requests and no waiting.
 * Prints latency per request type, throughput and errors, checks every listener's stored progress
 * at the end, and exits non-zero on any error or wrong final state. A load run, not a timed test:
 * there are no latency targets, only correctness under concurrency.
 *
 * Options: --listeners N (or LOAD_LISTENERS; default 200); --speed X (or LOAD_SPEED) to pace each
 * listener at X times real time instead of sending as fast as answers come; --estimated to use
 * the estimated manifest even when audio/manifest.json exists.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RequestEnvelope } from 'ask-sdk-model';
import { readLocalConfig, REPO_ROOT } from '../local/local-config';
import { startLocalServer, type LocalServer } from '../local/server';
import type { Logger } from '../lambda/skill/deps';
import { estimatedManifest } from '../tools/estimated-manifest';
import { playOf } from '../testkit/envelopes';
import { launchRequest, LoadError, newSession, parseToken } from './load-envelopes';
import {
  runListener,
  SKIP_TARGET,
  storedDifferences,
  type Answer,
  type ListenerHooks,
  type ListenerOutcome,
  type StoredListener,
} from './load-listener';
import { planListener, type ListenerPlan, type Practice } from './load-plan';
import { grid, ms, percentile } from './stats';

/** `--name N`, `--name=N` or the environment variable; undefined when none is given. */
function option(name: string, envName: string): string | undefined {
  const at = process.argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (at < 0) return process.env[envName] || undefined;
  return process.argv[at].includes('=') ? process.argv[at].split('=')[1] : process.argv[at + 1];
}

function positive(name: string, raw: string | undefined, fallback: number, whole: boolean): number {
  const value = raw === undefined ? fallback : Number(raw);
  if (!(value > 0) || (whole && !Number.isInteger(value)))
    throw new LoadError(`${name} must be a positive ${whole ? 'whole ' : ''}number, not "${raw}"`);
  return value;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Paces one listener at `speed` times real time. Each listener starts `delayMs` late, so paced
 * listeners are spread out as real ones are instead of all reaching each segment end together.
 */
function pacer(speed: number, delayMs: number): ListenerHooks['pace'] {
  let base: { real: number; sim: number } | undefined;
  return async (simMs, restart) => {
    if (!base || restart) base = { real: performance.now() + (base ? 0 : delayMs), sim: simMs };
    const waitMs = base.real + (simMs - base.sim) / speed - performance.now();
    if (waitMs > 0) await sleep(waitMs);
  };
}

/** The rendered practice's measured durations when there are some; the audio itself is never fetched. */
function prepareAudio(audioDir: string): string {
  mkdirSync(audioDir, { recursive: true });
  const rendered = path.join(REPO_ROOT, 'audio', 'manifest.json');
  if (existsSync(rendered) && !process.argv.includes('--estimated')) {
    copyFileSync(rendered, path.join(audioDir, 'manifest.json'));
    return 'audio/manifest.json';
  }
  writeFileSync(path.join(audioDir, 'manifest.json'), JSON.stringify(estimatedManifest()));
  return 'estimated manifest';
}

interface Sample {
  type: string;
  serverMs: number;
  rttMs: number;
}

/** The skill's own log, kept in memory: counted by level and message, never printed with its fields. */
function countingLogger() {
  const counts = new Map<string, number>();
  const at = (level: string) => (message: string) => void counts.set(`${level}: ${message}`, (counts.get(`${level}: ${message}`) ?? 0) + 1);
  const log: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { log, counts };
}

const ANSWER_LIMIT_MS = 30_000;

function http(agent: Agent, port: number, method: string, requestPath: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    const outgoing = request({ host: '127.0.0.1', port, method, path: requestPath, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    // A route that never answers (an unhandled rejection in the server) must fail the run, not hang it.
    outgoing.setTimeout(ANSWER_LIMIT_MS, () =>
      outgoing.destroy(new LoadError(`${method} ${requestPath.split('?')[0]}: no answer within ${ANSWER_LIMIT_MS / 1000} s`)),
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function main(): Promise<void> {
  // Node would end the process on the first one; npm start would crash the same way, so count them as errors and carry on to the report.
  const unhandled: string[] = [];
  process.on('unhandledRejection', (reason) => void unhandled.push(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)));
  const [loadBefore] = loadavg();
  const listeners = positive('--listeners', option('--listeners', 'LOAD_LISTENERS'), 200, true);
  // Unpaced by default: every listener sends its next request as soon as the last is answered.
  const speed = positive('--speed', option('--speed', 'LOAD_SPEED'), Number.POSITIVE_INFINITY, false);
  const root = mkdtempSync(path.join(tmpdir(), 'spine-nidra-load-'));
  const audioDir = path.join(root, 'audio');
  const manifestSource = prepareAudio(audioDir);
  const { log, counts } = countingLogger();
  // Sockets stay open per listener, as Alexa's front end keeps connections to an endpoint warm.
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  let server: LocalServer | undefined;
  try {
    server = await startLocalServer(readLocalConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(root, 'data'), AUDIO_DIR: audioDir }), {
      log,
    });
    const port = server.port;
    const state = async (userId?: string) => {
      const answer = await http(agent, port, 'GET', `/simulator/state${userId ? `?userId=${encodeURIComponent(userId)}` : ''}`);
      if (answer.status !== 200) throw new LoadError(`GET /simulator/state: HTTP ${answer.status}`);
      return JSON.parse(answer.text) as {
        skillId: string;
        locale: string;
        audioBaseUrl: string;
        practice: { id: string; defaultVariant: string; variants: Record<string, string[]>; segments: Record<string, { durationMs: number }> };
        listener: StoredListener | null;
      };
    };
    // The practice as the running skill knows it, so the listeners follow the very same catalog.
    const outline = await state();
    const practice: Practice = {
      practiceId: outline.practice.id,
      variant: outline.practice.defaultVariant,
      order: outline.practice.variants[outline.practice.defaultVariant],
      durations: Object.fromEntries(Object.entries(outline.practice.segments).map(([id, segment]) => [id, segment.durationMs])),
      audioBaseUrl: outline.audioBaseUrl,
      skillId: outline.skillId,
      locale: outline.locale,
    };

    const samples: Sample[] = [];
    const send = async (type: string, envelope: RequestEnvelope): Promise<Answer> => {
      const started = performance.now();
      const answer = await http(agent, port, 'POST', '/simulator/alexa', JSON.stringify(envelope));
      const rttMs = performance.now() - started;
      const body = (answer.text.startsWith('{') ? JSON.parse(answer.text) : {}) as Partial<Answer> & {
        violations?: string[];
        elapsedMs?: number;
        error?: string;
      };
      samples.push({ type, serverMs: body.elapsedMs ?? Number.NaN, rttMs });
      if (answer.status !== 200) throw new LoadError(`${type}: HTTP ${answer.status} ${body.error ?? answer.text.slice(0, 120)}`);
      if (body.violations?.length) throw new LoadError(`${type}: a real Echo would reject it: ${body.violations.join('; ')}`);
      if (!body.response) throw new LoadError(`${type}: no response envelope`);
      return { response: body.response, listener: body.listener ?? null, listenerError: body.listenerError };
    };

    // The variant a new listener is given right now is the skill's to choose (the bedtime ending in
    // the evening, by the locale's clock): one probe launch asks, and every listener must then get it.
    const probe = await send(
      'probe',
      launchRequest(
        { skillId: practice.skillId, locale: practice.locale, userId: 'amzn1.ask.account.LOAD-PROBE', deviceId: 'amzn1.ask.device.LOAD-PROBE' },
        Date.now(),
        { playerActivity: 'IDLE' },
        newSession(),
      ),
    );
    practice.variant = parseToken(playOf(probe.response)?.token, practice.practiceId).variant;
    practice.order = outline.practice.variants[practice.variant];
    samples.length = 0;

    const mismatches: { plan: ListenerPlan; problem: string }[] = [];
    const startedAt = Date.now();
    const plans = Array.from({ length: listeners }, (_, index) => planListener(index, practice, startedAt, SKIP_TARGET.id));
    const wallStart = performance.now();
    type Result = { plan: ListenerPlan; outcome?: ListenerOutcome; error?: string };
    const outcomes = await Promise.all(
      plans.map((plan) =>
        runListener(plan, practice, send, {
          onMismatch: (problem) => mismatches.push({ plan, problem }),
          pace: Number.isFinite(speed) ? pacer(speed, (plan.index / listeners) * (practice.durations[practice.order[0]] / speed)) : undefined,
        }).then(
          (outcome): Result => ({ plan, outcome }),
          (error: unknown): Result => ({
            plan,
            error: error instanceof LoadError ? error.message : `crashed: ${String((error as Error)?.stack ?? error)}`,
          }),
        ),
      ),
    );
    const wallSeconds = (performance.now() - wallStart) / 1000;

    // Read back once everyone is done: the place each listener is left with, as their next launch would find it.
    const finalProblems: string[] = [];
    for (const { plan, outcome } of outcomes) {
      if (!outcome) continue;
      const problems = await state(plan.userId).then(
        (read) => storedDifferences(read.listener, outcome.expected),
        (error: unknown) => [`could not be read: ${(error as Error).message}`],
      );
      if (problems.length) finalProblems.push(`listener #${plan.index} (${plan.style}): ${problems.join('; ')}`);
    }
    const failed = outcomes.filter((result) => result.error);
    const logErrors = [...counts].filter(([key]) => !key.startsWith('info: ') || key === 'info: older event ignored');
    printReport({
      unhandled,
      loadBefore,
      listeners,
      speed,
      manifestSource,
      practice,
      samples,
      wallSeconds,
      failed,
      mismatches,
      finalProblems,
      counts,
      plans,
    });
    if (failed.length || mismatches.length || finalProblems.length || logErrors.length || unhandled.length) process.exitCode = 1;
  } finally {
    try {
      await server?.close();
    } finally {
      agent.destroy();
      rmSync(root, { recursive: true, force: true });
    }
  }
}

function printReport(run: {
  unhandled: string[];
  loadBefore: number;
  listeners: number;
  speed: number;
  manifestSource: string;
  practice: Practice;
  samples: Sample[];
  wallSeconds: number;
  failed: { plan: ListenerPlan; error?: string }[];
  mismatches: { plan: ListenerPlan; problem: string }[];
  finalProblems: string[];
  counts: Map<string, number>;
  plans: ListenerPlan[];
}): void {
  const { samples, wallSeconds } = run;
  const practiceMin = run.practice.order.reduce((total, id) => total + run.practice.durations[id], 0) / 60_000;
  const styles = run.plans.reduce<Record<string, number>>((all, plan) => ({ ...all, [plan.style]: (all[plan.style] ?? 0) + 1 }), {});
  console.log(
    `Spine Nidra load: ${run.listeners} listeners at once, each a whole ${practiceMin.toFixed(1)}-minute practice in simulated time ` +
      `(${run.manifestSource}; ${Object.entries(styles)
        .map(([style, n]) => `${n} ${style}`)
        .join(', ')}; ` +
      `${Number.isFinite(run.speed) ? `paced at ${run.speed}x real time, starts spread over the first segment` : 'unpaced'})\n`,
  );
  const types = [...new Set(samples.map((sample) => sample.type))];
  const row = (label: string, of: Sample[]) => {
    const server = of.map((sample) => sample.serverMs).filter(Number.isFinite);
    const rtt = of.map((sample) => sample.rttMs);
    // The route measures with Date.now, so server figures are whole milliseconds.
    const whole = (value: number) => `${value} ms`;
    return [label, String(of.length), ...[50, 99, 100].map((p) => whole(percentile(server, p))), ...[50, 99, 100].map((p) => ms(percentile(rtt, p)))];
  };
  const header = ['request', 'n', 'server p50', 'p99', 'max', 'round trip p50', 'p99', 'max'];
  console.log(
    grid(header, [
      ...types.map((type) =>
        row(
          type,
          samples.filter((sample) => sample.type === type),
        ),
      ),
      row('all', samples),
    ]),
  );
  console.log(
    `\n${samples.length} requests in ${wallSeconds.toFixed(1)} s: ${(samples.length / wallSeconds).toFixed(0)} requests/s ` +
      `(server = the skill's own time from the route; round trip = HTTP from the listener, including the route's read of the stored listener)`,
  );
  console.log(
    `machine: ${cpus().length} CPUs, load average ${run.loadBefore.toFixed(2)} before the run (other work on the machine slows every figure)`,
  );
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (server, dynalite and listeners in one process)`);
  const errorsByMessage = new Map<string, number[]>();
  for (const { plan, error } of run.failed) errorsByMessage.set(error as string, [...(errorsByMessage.get(error as string) ?? []), plan.index]);
  console.log(`\nerrors: ${run.failed.length} listener(s) stopped on an error`);
  for (const [message, who] of [...errorsByMessage].slice(0, 10)) console.log(`  ${who.length}x (e.g. listener #${who[0]}): ${message}`);
  const unlike = new Set(run.mismatches.map(({ plan }) => plan.index));
  console.log(`stored progress unlike the skill's answer right after it: ${run.mismatches.length} request(s), ${unlike.size} listener(s)`);
  for (const { plan, problem } of run.mismatches.slice(0, 5)) console.log(`  listener #${plan.index}: ${problem}`);
  const verified = run.listeners - run.failed.length - run.finalProblems.length;
  console.log(
    `final state: ${verified}/${run.listeners} listeners exactly right (completed at ${run.practice.order.at(-1)}, ` +
      `last session's nonce, startedCount 1, completedCount 1, progress checked after every request too)`,
  );
  for (const problem of run.finalProblems.slice(0, 10)) console.log(`  ${problem}`);
  if (run.unhandled.length)
    console.log(`unhandled promise rejections: ${run.unhandled.length} (would have ended npm start), first: ${run.unhandled[0]}`);
  const logLines = [...run.counts].map(([key, n]) => `${key} (${n})`);
  console.log(`skill log: ${logLines.length ? logLines.join(', ') : 'nothing logged'}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof LoadError ? error.message : error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
