/**
 * Practice metrics as CloudWatch Embedded Metric Format lines: the format's required shape, what
 * the skill counts on real requests (against dynalite), that no id reaches a line, and the funnel
 * `npm run report` reads back.
 */
import Ajv from 'ajv';
import { funnel, reportText, tallyLines } from '../../local/metrics-tally';
import { createJsonLogger } from '../../lambda/skill/log';
import { METRICS_NAMESPACE, metricLine } from '../../lambda/skill/metrics';
import { createHarness, type Harness } from '../support/harness';
import { encodeToken } from '../../lambda/playback/token';
import { audioEvent, launch, playOf } from '../../testkit/envelopes';

/** The EMF specification's required structure (CloudWatch "Embedded metric format specification"). */
const EMF_SCHEMA = {
  type: 'object',
  required: ['_aws'],
  properties: {
    _aws: {
      type: 'object',
      required: ['Timestamp', 'CloudWatchMetrics'],
      properties: {
        Timestamp: { type: 'integer', minimum: 0 },
        CloudWatchMetrics: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['Namespace', 'Dimensions', 'Metrics'],
            properties: {
              Namespace: { type: 'string', minLength: 1, maxLength: 1024 },
              Dimensions: { type: 'array', items: { type: 'array', maxItems: 30, items: { type: 'string', minLength: 1, maxLength: 250 } } },
              Metrics: {
                type: 'array',
                minItems: 1,
                maxItems: 100,
                items: {
                  type: 'object',
                  required: ['Name'],
                  properties: {
                    Name: { type: 'string', minLength: 1, maxLength: 1024 },
                    Unit: { enum: ['Count', 'Milliseconds', 'Seconds', 'None'] },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};
const validEmf = new Ajv({ allErrors: true }).compile(EMF_SCHEMA);

/** Beyond the schema: every dimension and metric names a top-level member of the right kind. */
function referencesResolve(line: Record<string, any>): boolean {
  return line._aws.CloudWatchMetrics.every(
    (directive: { Dimensions: string[][]; Metrics: Array<{ Name: string }> }) =>
      directive.Dimensions.flat().every((name) => typeof line[name] === 'string') &&
      directive.Metrics.every(({ Name }) => typeof line[Name] === 'number'),
  );
}

describe('an EMF metric line', () => {
  it('has the shape CloudWatch requires, one count under the variant dimension alone', () => {
    const line = JSON.parse(metricLine('StoppedIn.body-scan', 'standard', Date.UTC(2026, 10, 24, 21, 30)) as string);
    expect(validEmf(line)).toBe(true);
    expect(referencesResolve(line)).toBe(true);
    expect(line._aws.Timestamp).toBe(Date.UTC(2026, 10, 24, 21, 30));
    expect(line._aws.CloudWatchMetrics).toEqual([
      { Namespace: METRICS_NAMESPACE, Dimensions: [['Variant']], Metrics: [{ Name: 'StoppedIn.body-scan', Unit: 'Count' }] },
    ]);
    expect(line).toMatchObject({ Variant: 'standard', 'StoppedIn.body-scan': 1 });
  });

  it('is not written for a name or variant that is not a plain identifier', () => {
    expect(metricLine('Error.amzn1.ask.account {x}', 'standard', 0)).toBeUndefined();
    expect(metricLine('Skip', 'a variant with spaces', 0)).toBeUndefined();
  });

  it('goes out bare, not through the level-prefixed log writer', () => {
    const logged: string[] = [];
    const metrics: string[] = [];
    const log = createJsonLogger({ write: (_level, line) => logged.push(line), writeMetric: (line) => metrics.push(line), now: () => 1_000 });
    log.metric?.('Skip', 'gentle');
    expect(logged).toEqual([]);
    expect(metrics.map((line) => JSON.parse(line)._aws.Timestamp)).toEqual([1_000]);
  });
});

describe('what the skill counts', () => {
  let harness: Harness;
  let lines: string[];
  const USER = 'amzn1.ask.account.METRICS-LISTENER';
  const DEVICE = 'amzn1.ask.device.METRICS-ECHO';
  beforeEach(async () => {
    lines = [];
    harness = await createHarness({
      log: createJsonLogger({ write: () => undefined, writeMetric: (line) => lines.push(line), now: () => harness.clock.ms }),
    });
  });
  const at = (ms: number) => ({ userId: USER, deviceId: DEVICE, timestamp: new Date(ms).toISOString() });

  it('a practice started once (a repeated event is not counted again), and where the listener stopped', async () => {
    const play = playOf(await harness.send(launch(at(harness.clock.ms)))) as { token: string };
    const started = audioEvent('PlaybackStarted', play.token, 0, at(harness.clock.ms));
    await harness.send(started);
    await harness.send(started);
    await harness.send(audioEvent('PlaybackStopped', play.token, 20_000, at(harness.clock.ms + 20_000)));
    const tally = tallyLines(lines);
    const firstSection = harness.catalog.segments[harness.catalog.variants.standard[0]].sectionId;
    expect(tally.totals).toEqual({ PracticeStarted: 1, [`StoppedIn.${firstSection}`]: 1 });
    expect(Object.keys(tally.byVariant)).toEqual(['standard']);
    for (const line of lines) {
      expect(validEmf(JSON.parse(line))).toBe(true);
      expect(line).not.toMatch(/amzn1\.|METRICS-|listener#|spine-nidra\|/);
    }
  });

  it('a completed practice, counted on its last PlaybackFinished', async () => {
    const order = harness.catalog.variants.standard;
    const play = playOf(await harness.send(launch(at(harness.clock.ms)))) as { token: string };
    const lastToken = play.token.replace(`|${order[0]}|`, `|${order[order.length - 1]}|`);
    await harness.send(audioEvent('PlaybackFinished', lastToken, 60_000, at(harness.clock.ms + 60_000)));
    expect(tallyLines(lines).totals).toEqual({ PracticeCompleted: 1 });
  });

  it('minutes of sleep sounds heard: a whole item when it ends, the played part when stopped, as a valid EMF sum', async () => {
    const catalog = {
      ...harness.catalog,
      sleepSounds: { loop: { file: 'sleep-sounds.a.mp3', durationMs: 600_000 }, fade: { file: 'sleep-sounds-fade.a.mp3', durationMs: 600_000 } },
    };
    harness = await createHarness({
      catalog,
      log: createJsonLogger({ write: () => undefined, writeMetric: (line) => lines.push(line), now: () => harness.clock.ms }),
    });
    const order = catalog.variants.standard;
    const last = { variant: 'standard', segmentId: order[order.length - 1], nonce: 'night001', attempt: 0 as const, clip: '', sleep: 30 };
    const loop = encodeToken(catalog, { ...last, segmentId: 'sleep-sounds', sleep: 20 });
    await harness.send(audioEvent('PlaybackFinished', loop, 600_000, at(harness.clock.ms)));
    await harness.send(audioEvent('PlaybackStopped', loop, 90_000, at(harness.clock.ms + 700_000)));
    const tally = tallyLines(lines);
    expect(tally.totals).toEqual({ SleepSoundsMinutes: 11.5 });
    expect(lines.every((line) => validEmf(JSON.parse(line)))).toBe(true);
    expect(reportText(tally, [])).toContain('sleep sounds 12 minutes');
  });
});

describe('npm run report', () => {
  const lambdaLine = (name: string, variant: string) => `2026-11-24T21:30:00.000Z\tc0ffee\tINFO\t${metricLine(name, variant, 0)}`;

  it('reads metric lines among other log lines, prefixed or bare, and prints the funnel in the practice order', () => {
    const tally = tallyLines([
      '{"time":"2026-11-24T21:30:00.000Z","level":"info","message":"older event ignored"}',
      metricLine('PracticeStarted', 'standard', 0) as string,
      lambdaLine('PracticeStarted', 'gentle'),
      lambdaLine('PracticeCompleted', 'standard'),
      lambdaLine('StoppedIn.rest', 'standard'),
      lambdaLine('StoppedIn.rest', 'gentle'),
      lambdaLine('StoppedIn.arrival', 'standard'),
      lambdaLine('Error.TimeoutError', 'all'),
      'not json at all {"_aws": oops',
    ]);
    expect(funnel(tally, ['arrival', 'body-scan', 'rest'])).toEqual([
      { section: 'arrival', stops: 1, share: 1 / 3 },
      { section: 'body-scan', stops: 0, share: 0 },
      { section: 'rest', stops: 2, share: 2 / 3 },
    ]);
    const text = reportText(tally, ['arrival', 'body-scan', 'rest']);
    expect(text).toContain('Practices started 2, completed 1 (50%)');
    expect(text).toContain('Errors: TimeoutError 1');
    expect(text).toMatch(/rest\s+2\s+67%/);
  });
});
