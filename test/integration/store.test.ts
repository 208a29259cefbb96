import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { eventOrder, type Progress } from '../../lambda/playback/progress';
import { DYNAMO_MAX_ATTEMPTS } from '../../lambda/store/limits';
import { createDynamoClient } from '../../local/sdk-dynamo';
import { createDynamoStore } from '../../local/sdk-dynamo';
import { createHarness, type Harness } from '../support/harness';

const at = (iso: string, event: 'PlaybackStarted' | 'PlaybackStopped' = 'PlaybackStopped') => eventOrder(iso, event) as number;
const progress = (extra: Partial<Progress>): Progress => ({
  variant: 'standard',
  segmentId: 'body-scan',
  offsetMs: 0,
  state: 'playing',
  nonce: 'abc12345',
  seq: at('2026-11-24T22:00:00Z'),
  ...extra,
});

describe(`listener store on ${process.env.DYNAMODB_BACKEND ?? 'dynalite'}`, () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });

  it("keeps the table's time to live on expiresAt where the DynamoDB can turn one on (dynalite cannot)", async () => {
    const describe = harness.wire.call<{ TimeToLiveDescription?: { AttributeName?: string; TimeToLiveStatus?: string } }>('DescribeTimeToLive', {
      TableName: harness.tableName,
    });
    if (process.env.DYNAMODB_BACKEND === 'dynamodb-local') {
      // As serverless.yml declares it: the erasure marker's expiry is what DynamoDB deletes by.
      expect((await describe).TimeToLiveDescription).toEqual({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    } else {
      // dynalite describes a time to live but has no UpdateTimeToLive to turn it on.
      expect((await describe).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
    }
  });

  it('knows nothing of a new listener', async () => {
    expect(await harness.store.load(harness.keyOf('amzn1.ask.account.NEW'))).toBeUndefined();
  });

  it('saves progress and reads it back with stats', async () => {
    const key = harness.keyOf('amzn1.ask.account.SAVER');
    const saved = progress({ segmentId: 'arrival', offsetMs: 0 });
    expect(await harness.store.saveProgress(key, saved, { countStart: true })).toBe('saved');
    expect(await harness.store.load(key)).toEqual({ progress: saved, startedCount: 1, completedCount: 0 });
  });

  it('never lets an older or duplicated event overwrite newer progress', async () => {
    const key = harness.keyOf('amzn1.ask.account.LATE');
    const newer = progress({ segmentId: 'limbs', offsetMs: 42_000, state: 'paused', seq: at('2026-11-24T22:10:00Z') });
    const older = progress({ segmentId: 'body-scan', offsetMs: 5_000, seq: at('2026-11-24T22:05:00Z') });
    expect(await harness.store.saveProgress(key, newer)).toBe('saved');
    expect(await harness.store.saveProgress(key, older)).toBe('stale');
    expect(await harness.store.saveProgress(key, { ...newer, offsetMs: 1 })).toBe('stale');
    expect((await harness.store.load(key))?.progress).toEqual(newer);
  });

  it('within one second, a pause after its own start still counts; anything else from that second does not', async () => {
    const key = harness.keyOf('amzn1.ask.account.QUICK-PAUSE');
    const second = '2026-11-24T22:20:00Z';
    const started = progress({ segmentId: 'rest', offsetMs: 0, seq: at(second, 'PlaybackStarted') });
    const pausedAt = progress({ segmentId: 'rest', offsetMs: 700, state: 'paused', seq: at(second, 'PlaybackStopped') });
    expect(await harness.store.saveProgress(key, started)).toBe('saved');
    expect(await harness.store.saveProgress(key, pausedAt)).toBe('saved');
    expect(await harness.store.saveProgress(key, pausedAt)).toBe('stale');
    expect(await harness.store.saveProgress(key, { ...pausedAt, segmentId: 'limbs', offsetMs: 90_000 })).toBe('stale');
    expect(await harness.store.saveProgress(key, { ...pausedAt, nonce: 'other123', offsetMs: 5_000 })).toBe('stale');
    expect((await harness.store.load(key))?.progress).toEqual(pausedAt);

    const later = progress({ segmentId: 'rest', offsetMs: 0, seq: at('2026-11-24T22:20:05Z', 'PlaybackStarted') });
    await harness.store.saveProgress(key, later);
    const earlierSecond = progress({ segmentId: 'rest', offsetMs: 3_000, state: 'paused', seq: at('2026-11-24T22:20:01Z') });
    expect(await harness.store.saveProgress(key, earlierSecond)).toBe('stale');
  });

  it('records a completed practice', async () => {
    const key = harness.keyOf('amzn1.ask.account.FINISHER');
    const done = progress({ segmentId: 'return', state: 'completed', seq: at('2026-11-24T22:30:00Z') });
    await harness.store.saveProgress(key, done, { completedAt: '2026-11-24T22:30:00Z' });
    expect(await harness.store.load(key)).toMatchObject({
      progress: { state: 'completed' },
      completedCount: 1,
      lastCompletedAt: '2026-11-24T22:30:00Z',
    });
  });

  it('keeps the sankalpa and progress apart: writing one never clobbers the other', async () => {
    const key = harness.keyOf('amzn1.ask.account.INTENT');
    const saved = progress({ segmentId: 'rest' });
    await harness.store.saveProgress(key, saved);
    await harness.store.setSankalpa(key, { text: 'I am at ease in my body', setAt: '2026-11-24T21:00:00Z' });
    await harness.store.saveProgress(key, { ...saved, offsetMs: 9_000, seq: saved.seq + 100 });
    const record = await harness.store.load(key);
    expect(record?.sankalpa?.text).toBe('I am at ease in my body');
    expect(record?.progress?.offsetMs).toBe(9_000);
    await harness.store.clearSankalpa(key);
    expect((await harness.store.load(key))?.sankalpa).toBeUndefined();
    expect((await harness.store.load(key))?.progress?.offsetMs).toBe(9_000);
  });
});

describe('a DynamoDB that does not answer', () => {
  let silent: Server;
  let connections = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    silent = createServer((socket) => {
      connections += 1;
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => silent.close(resolve));
  });

  it('gives up after two attempts instead of waiting on the SDK defaults', async () => {
    const { port } = silent.address() as AddressInfo;
    const client = createDynamoClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` });
    const store = createDynamoStore(client, 'listeners');
    await expect(store.load('listener#abc')).rejects.toThrow();
    expect(connections).toBe(DYNAMO_MAX_ATTEMPTS);
    expect(DYNAMO_MAX_ATTEMPTS).toBe(2);
    client.destroy();
  });
});
