/**
 * The benchmark's fairness: the baseline plays the same practice as ours through the same
 * requests, in the standard pattern (read the whole item and write it back on every request),
 * and the metering counts both the same way. Figures only; timings stay in `npm run bench`.
 */
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../../lambda/playback/catalog';
import { startBenchDynamo, type BenchDynamo, type Meter } from '../../bench/dynamo';
import { WarmServer } from '../../bench/processes';
import { TARGETS } from '../../bench/report';
import { BENCH_SKILL_ID, benchUserId } from '../../bench/requests';
import { Clock, play, REQUEST_TYPES, requestOf, type SendOne } from '../../bench/scenario';
import { bundleLambda, catalogFrom } from '../../tools/build';
import { estimatedManifest } from '../../tools/estimated-manifest';

type Variant = 'ours' | 'baseline';

describe('the benchmark baseline', () => {
  let dynamo: BenchDynamo;
  let catalog: Catalog;
  const servers = {} as Record<Variant, WarmServer>;
  const clock = new Clock();

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spine-nidra-bench-'));
    catalog = catalogFrom(estimatedManifest());
    await bundleLambda({ outfile: join(dir, 'ours.js'), catalog });
    await bundleLambda({ outfile: join(dir, 'baseline.js'), catalog, entry: join(__dirname, '..', '..', 'bench', 'baseline', 'index.ts') });
    await build({
      entryPoints: [join(__dirname, '..', '..', 'bench', 'child.ts')],
      outfile: join(dir, 'child.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'warning',
    });
    dynamo = await startBenchDynamo(['bench-ours', 'bench-baseline']);
    for (const variant of ['ours', 'baseline'] as const) {
      const env = {
        TABLE_NAME: `bench-${variant}`,
        DYNAMODB_ENDPOINT: dynamo.meteredEndpoint,
        AUDIO_BASE_URL: 'https://audio.bench.invalid',
        AWS_REGION: 'us-east-1',
        SKILL_ID: BENCH_SKILL_ID,
      };
      servers[variant] = new WarmServer(join(dir, 'child.js'), join(dir, `${variant}.js`), env);
    }
  });
  afterAll(async () => {
    Object.values(servers).forEach((server) => server.close());
    await dynamo.close();
  });

  /** Every request of a run, with the DynamoDB operations it caused. */
  const metered = (variant: Variant) => {
    const meters: Meter[] = [];
    const send: SendOne = async (event) => {
      dynamo.resetMeter();
      const [response] = (await servers[variant].send([event])).responses;
      meters.push(dynamo.resetMeter());
      return response as Awaited<ReturnType<SendOne>>;
    };
    return { send, meters };
  };

  it('plays the same practice, item by item, through the same requests', async () => {
    const [ours, baseline] = await Promise.all(
      (['ours', 'baseline'] as const).map((variant) => play(metered(variant).send, catalog, benchUserId('same'), clock)),
    );
    expect(ours.types).toEqual(baseline.types);
    expect(ours.tokens).toHaveLength(catalog.variants.standard.length);
    expect(baseline.tokens).toHaveLength(catalog.variants.standard.length);
  });

  it('reads the whole item and writes it back on every request, as the standard pattern does', async () => {
    const { send, meters } = metered('baseline');
    await play(send, catalog, benchUserId('pattern'), clock, 2);
    expect(meters.every((meter) => meter.operations.join() === 'GetItem,PutItem')).toBe(true);
  });

  it('meters ours the same way: one read on Launch, none on NearlyFinished or a skip while playing', async () => {
    const { send, meters } = metered('ours');
    const { tokens } = await play(send, catalog, benchUserId('ours'), clock, 2);
    meters.length = 0;
    for (const type of REQUEST_TYPES) await send(requestOf(type, tokens.at(-1) as string, benchUserId('ours'), clock));
    expect(Object.fromEntries(REQUEST_TYPES.map((type, i) => [type, meters[i].operations]))).toEqual({
      Launch: ['GetItem'],
      skip: [],
      NearlyFinished: [],
      Stopped: ['UpdateItem'],
      Started: ['UpdateItem'],
    });
    expect(meters[0].readUnits).toBe(0.5);
  });

  it(`uses at most ${TARGETS.sessionUnitsRatio}x the baseline's request units over a whole practice`, async () => {
    const units = async (variant: Variant) => {
      const { send, meters } = metered(variant);
      await play(send, catalog, benchUserId(`units-${variant}`), clock);
      return meters.reduce((sum, meter) => sum + meter.readUnits + meter.writeUnits, 0);
    };
    const [ours, baseline] = [await units('ours'), await units('baseline')];
    expect(ours / baseline).toBeLessThanOrEqual(TARGETS.sessionUnitsRatio);
  });
});
