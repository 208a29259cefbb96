/**
 * `npm run bench`: Spine Nidra against the standard ask-sdk pattern (bench/baseline), measured
 * side by side in one run on this machine, against one dynalite. Prints a table of figures, the
 * ratio of each, and PASS/FAIL against the targets; exits non-zero when a target fails.
 * Options: --cold-runs N (default 21), --warm N requests per type (default 400), --node <path> to
 * run the skills on another node binary (this one by default), or --node 24 for that major
 * version's official binary, fetched once from the npm registry (bench/node-binary.ts); --no-pin
 * to leave cold runs unpinned (by default, on Linux with taskset, each round runs on one CPU).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { buildAll, OUT_DIR, ROOT, type Bundle } from './builds';
import { startBenchDynamo, type BenchDynamo, type Meter } from './dynamo';
import { nodeBinary } from './node-binary';
import { bareRun, canPinCpus, childNode, coldRun, pinColdRuns, requireRun, useNode, WarmServer, type ColdRun } from './processes';
import { report, type Figures, type VariantFigures } from './report';
import { startBenchAlexaApi } from './fake-alexa-api';
import { aimEnvelopesAt, BENCH_SKILL_ID, benchUserId, launch } from './requests';
import { Clock, play, REQUEST_TYPES, requestOf, type RequestType, type SendOne } from './scenario';
import { median } from './stats';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const COLD_RUNS = option('--cold-runs', 21);
/** Each round's cold runs share one CPU, the rounds taking the CPUs in turn; `--no-pin` leaves them to the OS. */
const PIN_CPUS = !process.argv.includes('--no-pin') && canPinCpus();
if (process.argv.includes('--node')) useNode(nodeBinary(process.argv[process.argv.indexOf('--node') + 1], ROOT));
const WARM_N = option('--warm', 400);
const WARM_UP = 50;
const ALEXA_API_LATENCY_MS = 30;

type Variant = 'ours' | 'baseline';
const VARIANTS: readonly Variant[] = ['ours', 'baseline'];

function skillEnv(variant: Variant, endpoint: string): Record<string, string> {
  return {
    TABLE_NAME: `bench-${variant}`,
    DYNAMODB_ENDPOINT: endpoint,
    AUDIO_BASE_URL: 'https://audio.bench.invalid',
    AWS_REGION: 'us-east-1',
    SKILL_ID: BENCH_SKILL_ID,
  };
}

const sender =
  (server: WarmServer): SendOne =>
  async (event) =>
    (await server.send([event])).responses[0] as ResponseEnvelope;

/** Sends one request at a time through the metering proxy and records each one's DynamoDB use. */
function metered(server: WarmServer, dynamo: BenchDynamo) {
  const meters: Meter[] = [];
  const send: SendOne = async (event) => {
    dynamo.resetMeter();
    const response = await sender(server)(event);
    meters.push(dynamo.resetMeter());
    return response;
  };
  return { send, meters };
}

async function main(): Promise<void> {
  const started = performance.now();
  const builds = await buildAll();
  const dynamo = await startBenchDynamo(VARIANTS.map((variant) => `bench-${variant}`));
  // Every envelope carries apiEndpoint and apiAccessToken, as real ones do, aimed at a fake Settings API.
  const alexa = await startBenchAlexaApi(ALEXA_API_LATENCY_MS);
  aimEnvelopesAt(alexa.endpoint);
  const bundles: Record<Variant, Bundle> = { ours: builds.ours, baseline: builds.baseline };
  const timing = Object.fromEntries(VARIANTS.map((v) => [v, new WarmServer(builds.child, bundles[v].file, skillEnv(v, dynamo.endpoint))])) as Record<
    Variant,
    WarmServer
  >;
  const metering = Object.fromEntries(
    VARIANTS.map((v) => [v, new WarmServer(builds.child, bundles[v].file, skillEnv(v, dynamo.meteredEndpoint))]),
  ) as Record<Variant, WarmServer>;
  const clock = new Clock();
  const figures = {} as Record<Variant, VariantFigures>;
  try {
    // DynamoDB use: a whole practice for a new listener, then one of each request type mid-practice.
    for (const variant of VARIANTS) {
      const session = metered(metering[variant], dynamo);
      const played = await play(session.send, builds.catalog, benchUserId('session'), clock);
      const probe = metered(metering[variant], dynamo);
      const { tokens } = await play(probe.send, builds.catalog, benchUserId('probe'), clock, 2);
      probe.meters.length = 0;
      for (const type of REQUEST_TYPES) await probe.send(requestOf(type, tokens.at(-1) as string, benchUserId('probe'), clock));
      figures[variant] = {
        bundleBytes: bundles[variant].bytes,
        sessionItems: played.tokens.length,
        sessionRequests: played.types.length,
        session: sum(session.meters),
        perType: Object.fromEntries(REQUEST_TYPES.map((type, i) => [type, probe.meters[i]])) as Record<RequestType, Meter>,
        sessionFinished: sum(session.meters.filter((_, i) => played.types[i] === 'Finished')),
      } as VariantFigures;
    }

    // A listener mid-practice for the timed requests, in each skill's own table.
    const tokens = {} as Record<Variant, string>;
    const warmUser = benchUserId('warm');
    for (const variant of VARIANTS)
      tokens[variant] = (await play(sender(timing[variant]), builds.catalog, warmUser, clock, 2)).tokens.at(-1) as string;

    // Cold starts: whole processes, interleaved so drift on the machine hits every variant alike.
    const eventFile = (name: string, event: RequestEnvelope) => {
      const file = join(OUT_DIR, `${name}.json`);
      writeFileSync(file, JSON.stringify(event));
      return file;
    };
    const launchFile = eventFile('launch', requestOf('Launch', '', warmUser, clock));
    const nearlyFiles = Object.fromEntries(
      VARIANTS.map((v) => [v, eventFile(`nearly-${v}`, requestOf('NearlyFinished', tokens[v], warmUser, clock))]),
    ) as Record<Variant, string>;
    const cold = {
      bare: [] as number[],
      launch: { ours: [], baseline: [] },
      newDevice: { ours: [], baseline: [] },
      nearly: { ours: [], baseline: [] },
      arrowsKept: [],
      sdkClient: [],
      sdkExternal: [],
    } as {
      bare: number[];
      launch: Record<Variant, ColdRun[]>;
      /** A Launch from an Echo whose time zone the listener's item does not hold yet. */
      newDevice: Record<Variant, ColdRun[]>;
      nearly: Record<Variant, ColdRun[]>;
      arrowsKept: ColdRun[];
      sdkClient: ColdRun[];
      sdkExternal: ColdRun[];
    };
    const direct = (variant: Variant) => skillEnv(variant, dynamo.endpoint);
    // Settings API calls made by each kind of cold Launch, all rounds and both skills together.
    const settingsCalls = { known: 0, newDevice: 0 };
    const counted = async (kind: keyof typeof settingsCalls, run: Promise<ColdRun>) => {
      const before = alexa.calls;
      const result = await run;
      settingsCalls[kind] += alexa.calls - before;
      return result;
    };
    for (let run = 0; run < COLD_RUNS; run += 1) {
      pinColdRuns(PIN_CPUS ? run % cpus().length : undefined);
      cold.bare.push(await bareRun());
      const newDeviceFile = eventFile('launch-new-device', launch({ ...clock.at(warmUser), deviceId: `amzn1.ask.device.BENCH-NEW-${run}` }));
      // Which skill goes first alternates by round, so neither always runs right after `node -e 0`.
      for (const variant of run % 2 ? [...VARIANTS].reverse() : VARIANTS) {
        cold.launch[variant].push(await counted('known', coldRun(builds.child, bundles[variant].file, launchFile, direct(variant))));
        cold.newDevice[variant].push(await counted('newDevice', coldRun(builds.child, bundles[variant].file, newDeviceFile, direct(variant))));
        cold.nearly[variant].push(await coldRun(builds.child, bundles[variant].file, nearlyFiles[variant], direct(variant)));
      }
      cold.arrowsKept.push(await coldRun(builds.child, builds.arrowsKept.file, launchFile, direct('ours')));
      cold.sdkClient.push(await coldRun(builds.child, builds.sdkClient.file, launchFile, direct('ours')));
      cold.sdkExternal.push(await coldRun(builds.child, builds.sdkExternal.file, launchFile, direct('ours')));
    }
    pinColdRuns(undefined);
    const clipLoads: number[] = [];
    for (let run = 0; run < 5; run += 1) clipLoads.push(await requireRun(['@aws-sdk/client-polly', '@aws-sdk/client-s3'], ROOT));

    // Warm latency: same process, after a warm-up, N requests of each type, the skills taking turns.
    for (const variant of VARIANTS) {
      const warmUp = Array.from({ length: WARM_UP }, (_, i) => requestOf(REQUEST_TYPES[i % REQUEST_TYPES.length], tokens[variant], warmUser, clock));
      await timing[variant].send(warmUp);
    }
    for (const type of REQUEST_TYPES) {
      for (const variant of VARIANTS) {
        const events = Array.from({ length: WARM_N }, () => requestOf(type, tokens[variant], warmUser, clock));
        const reply = await timing[variant].send(events);
        (figures[variant].warm ??= {} as VariantFigures['warm'])[type] = reply.ms;
        figures[variant].warmRssKb = reply.maxRssKb;
      }
    }
    for (const variant of VARIANTS) {
      // A warm Launch from an Echo the listener's item has no zone for: one Settings API call each.
      const events = Array.from({ length: WARM_N / 4 }, (_, i) =>
        launch({ ...clock.at(warmUser), deviceId: `amzn1.ask.device.BENCH-WARM-${variant}-${i}` }),
      );
      figures[variant].warmNewDevice = (await timing[variant].send(events)).ms;
    }
    for (const variant of VARIANTS) {
      Object.assign(figures[variant], { coldLaunch: cold.launch[variant], coldNewDevice: cold.newDevice[variant], coldNearly: cold.nearly[variant] });
    }

    const all: Figures = {
      machine: `node ${execFileSync(childNode(), ['--version'], { encoding: 'utf8' }).trim()}, ${process.platform}/${process.arch}, ${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}`,
      manifestSource: builds.manifestSource,
      segments: builds.segments,
      coldRuns: COLD_RUNS,
      coldPinning: PIN_CPUS ? `each round's cold runs on one CPU, CPUs 0-${cpus().length - 1} in turn (taskset)` : 'cold runs not pinned to a CPU',
      warmN: WARM_N,
      bareMs: cold.bare,
      ours: figures.ours,
      baseline: figures.baseline,
      arrowsKept: { bytes: builds.arrowsKept.bytes, cold: cold.arrowsKept },
      sdkClient: { bytes: builds.sdkClient.bytes, cold: cold.sdkClient },
      sdkExternal: { bytes: builds.sdkExternal.bytes, cold: cold.sdkExternal },
      clipClientsLoadMs: median(clipLoads) - median(cold.bare),
      alexaApi: { latencyMs: ALEXA_API_LATENCY_MS, knownZoneCalls: settingsCalls.known, newDeviceCalls: settingsCalls.newDevice },
      seconds: (performance.now() - started) / 1000,
    };
    const { text, passed } = report(all);
    console.log(text);
    if (!passed) process.exitCode = 1;
  } finally {
    for (const server of [...Object.values(timing), ...Object.values(metering)]) server.close();
    await Promise.all([dynamo.close(), alexa.close()]);
  }
}

function sum(meters: readonly Meter[]): Meter {
  return meters.reduce(
    (total, meter) => ({
      calls: total.calls + meter.calls,
      readUnits: total.readUnits + meter.readUnits,
      writeUnits: total.writeUnits + meter.writeUnits,
      operations: [...total.operations, ...meter.operations],
    }),
    { calls: 0, readUnits: 0, writeUnits: 0, operations: [] },
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
