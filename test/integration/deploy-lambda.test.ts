/**
 * The Lambda as deployed: a small bundle without the AWS SDK's clients, whose DynamoDB client
 * (lambda/store/wire.ts) loads only for requests that need it, behaves like the SDK-backed store
 * on dynalite, and gives up on a sick DynamoDB as quickly as the SDK client is configured to.
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventOrder, type Progress } from '../../lambda/playback/progress';
import { DYNAMO_MAX_ATTEMPTS } from '../../lambda/store/limits';
import { createDynamoClient } from '../../local/sdk-dynamo';
import { createDynamoStore } from '../../local/sdk-dynamo';
import { ensureTable } from '../../local/table';
import { createDynamoWire, createWireStore } from '../../lambda/store/wire';
import { bundleLambda, catalogFrom } from '../../tools/build';
import { estimatedManifest } from '../../tools/estimated-manifest';
import { audioEvent, launch, SKILL_ID } from '../../testkit/envelopes';

const endpoint = () => process.env.DYNAMODB_ENDPOINT as string;

describe('the Lambda bundle', () => {
  let dir: string;
  let bundle: string;
  let inputs: string[];
  let bytes: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spine-nidra-lean-'));
    bundle = join(dir, 'index.js');
    const built = await bundleLambda({ outfile: bundle, catalog: catalogFrom(estimatedManifest()) });
    bytes = built.bytes;
    // What ended up in the output, not everything esbuild looked at before tree-shaking.
    const [output] = Object.values(built.metafile.outputs);
    inputs = Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    await ensureTable(createDynamoWire({ region: 'us-east-1', endpoint: endpoint() }), 'lean-listeners');
  });

  it('is at most 400 KB and carries no AWS SDK client: DynamoDB goes through the wire client', () => {
    expect(bytes).toBeLessThanOrEqual(400 * 1024);
    expect(inputs.filter((input) => /@aws-sdk\/(client-|lib-dynamodb|credential-provider)/.test(input))).toEqual([]);
    expect(inputs).toContain('lambda/store/wire.ts');
  });

  it('leaves the personal-clip clients to the Lambda runtime (it ships AWS SDK v3)', () => {
    const code = readFileSync(bundle, 'utf8');
    for (const client of ['@aws-sdk/client-polly', '@aws-sdk/client-s3']) expect(code).toContain(`require("${client}")`);
  });

  /**
   * One whole process, as Lambda starts one: did answering `event` load node:https (which only the
   * DynamoDB client uses), and any package at all? The bundle sits in a temp directory where no
   * node_modules can be found, so an eager require of the clip clients would crash the process.
   */
  async function coldProcess(
    event: unknown,
  ): Promise<{ https: boolean; required: string[]; response: { response: { directives?: Array<{ type: string }> } } }> {
    const eventFile = join(dir, `event-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(eventFile, JSON.stringify(event));
    const script = `require(${JSON.stringify(bundle)}).handler(JSON.parse(require('fs').readFileSync(${JSON.stringify(eventFile)}, 'utf8')))
      .then((response) => { console.log(JSON.stringify({ https: process.moduleLoadList.includes('NativeModule https'), required: Object.keys(require.cache).filter((file) => file.includes('node_modules')), response })); process.exit(0); })`;
    const env = {
      PATH: process.env.PATH,
      TABLE_NAME: 'lean-listeners',
      DYNAMODB_ENDPOINT: endpoint(),
      AUDIO_BASE_URL: 'https://cdn.spine-nidra.test',
      SKILL_ID,
    };
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env });
    return JSON.parse(stdout.trim().split('\n').pop() as string);
  }

  it('answers NearlyFinished without ever loading a DynamoDB client', async () => {
    const { https, required, response } = await coldProcess(audioEvent('PlaybackNearlyFinished', 'spine-nidra|1|standard|rest|abcd1234|0|', 1));
    expect(response.response.directives?.[0].type).toBe('AudioPlayer.Play');
    expect(https).toBe(false);
    expect(required).toEqual([]);
  });

  it('loads it for a LaunchRequest, which reads the listener', async () => {
    const { https, required, response } = await coldProcess(launch({ userId: 'amzn1.ask.account.COLD' }));
    expect(response.response.directives?.[0].type).toBe('AudioPlayer.Play');
    expect(https).toBe(true);
    expect(required).toEqual([]);
  });
});

describe('the wire client on dynalite', () => {
  const at = (iso: string, event: 'PlaybackStarted' | 'PlaybackStopped' | 'PlaybackFinished') => eventOrder(iso, event) as number;
  const progress = (extra: Partial<Progress>): Progress => ({
    variant: 'standard',
    segmentId: 'rest',
    offsetMs: 0,
    state: 'playing',
    nonce: 'abc12345',
    seq: at('2026-11-24T22:00:00Z', 'PlaybackStarted'),
    ...extra,
  });

  it('stores exactly what the SDK-backed store stores, with the same stale-write rules', async () => {
    const sdk = createDynamoClient({ region: 'us-east-1', endpoint: endpoint() });
    const wire = createDynamoWire({ region: 'us-east-1', endpoint: endpoint() });
    await ensureTable(wire, 'wire-a');
    await ensureTable(wire, 'wire-b');
    const stores = [createDynamoStore(sdk, 'wire-a'), createWireStore({ region: 'us-east-1', endpoint: endpoint() }, 'wire-b')];
    const outcomes = await Promise.all(
      stores.map(async (store) => {
        const seen: unknown[] = [await store.load('listener#x')];
        const second = '2026-11-24T22:20:00Z';
        seen.push(await store.saveProgress('listener#x', progress({ seq: at(second, 'PlaybackStarted') }), { countStart: true }));
        seen.push(await store.saveProgress('listener#x', progress({ offsetMs: 700, state: 'paused', seq: at(second, 'PlaybackStopped') })));
        seen.push(await store.saveProgress('listener#x', progress({ offsetMs: 5, seq: at('2026-11-24T22:10:00Z', 'PlaybackStarted') })));
        await store.setSankalpa('listener#x', { text: 'I am at ease', setAt: second, clipKey: '0123456789abcdef' });
        seen.push(
          await store.saveProgress('listener#x', progress({ state: 'completed', seq: at('2026-11-24T22:50:00Z', 'PlaybackFinished') }), {
            completedAt: '2026-11-24T22:50:00Z',
          }),
        );
        seen.push(await store.load('listener#x'));
        await store.clearSankalpa('listener#x');
        seen.push(await store.load('listener#x'));
        return seen;
      }),
    );
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[0].slice(1, 4)).toEqual(['saved', 'saved', 'stale']);
    expect(outcomes[0][5]).toMatchObject({
      startedCount: 1,
      completedCount: 1,
      sankalpa: { text: 'I am at ease' },
      progress: { state: 'completed' },
    });
    sdk.destroy();
    wire.destroy();
  });
});

describe('the wire client against a sick DynamoDB', () => {
  let server: Server;
  let port: number;
  const seen: IncomingHttpHeaders[] = [];
  const bodies: string[] = [];
  let answer: (count: number) => { status: number; body: string } | 'hang' = () => ({ status: 200, body: '{}' });
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push(request.headers);
        bodies.push(Buffer.concat(chunks).toString('utf8'));
        const reply = answer(seen.length);
        if (reply !== 'hang') response.writeHead(reply.status, { 'Content-Type': 'application/x-amz-json-1.0' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    seen.length = 0;
    bodies.length = 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const wire = () => createDynamoWire({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${port}` });
  const error = (type: string, status: number) => ({
    status,
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: type }),
  });

  it('signs each call with SigV4 for DynamoDB in its region, with the session token Lambda provides', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token-123' });
    try {
      await wire().call('GetItem', { TableName: 'listeners', Key: { pk: { S: 'listener#x' } } });
    } finally {
      process.env = saved;
    }
    const headers = seen[0];
    expect(headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(headers['x-amz-security-token']).toBe('token-123');
    const [, day, signedHeaders, signature] =
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/(\d{8})\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        headers.authorization ?? '',
      ) ?? [];
    expect(signedHeaders.split(';')).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'x-amz-target', 'x-amz-security-token', 'content-type']));
    // Recompute the signature as DynamoDB does (SigV4, independently of the SDK's signer).
    const hex = (data: string) => createHash('sha256').update(data).digest('hex');
    const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    const canonical = [
      'POST',
      '/',
      '',
      ...signedHeaders.split(';').map((name) => `${name}:${String(headers[name]).trim()}`),
      '',
      signedHeaders,
      hex(bodies[0]),
    ].join('\n');
    const scope = `${day}/eu-west-1/dynamodb/aws4_request`;
    const key = hmac(hmac(hmac(hmac('AWS4secret', day), 'eu-west-1'), 'dynamodb'), 'aws4_request');
    const expected = createHmac('sha256', key)
      .update(['AWS4-HMAC-SHA256', headers['x-amz-date'], scope, hex(canonical)].join('\n'))
      .digest('hex');
    expect(signature).toBe(expected);
    expect(JSON.parse(bodies[0])).toEqual({ TableName: 'listeners', Key: { pk: { S: 'listener#x' } } });
  });

  it('retries a throttled or failed call once, and then succeeds', async () => {
    answer = (count) => (count === 1 ? error('ProvisionedThroughputExceededException', 400) : { status: 200, body: '{"Item":{"pk":{"S":"x"}}}' });
    await expect(wire().getItem({ TableName: 't', Key: {} })).resolves.toEqual({ Item: { pk: { S: 'x' } } });
    expect(seen).toHaveLength(2);
  });

  it('does not retry a refused condition, and the store reports it as stale', async () => {
    answer = () => error('ConditionalCheckFailedException', 400);
    const store = createWireStore({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}` }, 'listeners');
    await expect(store.saveProgress('listener#x', progress())).resolves.toBe('stale');
    expect(seen).toHaveLength(1);
  });

  it(`gives up on a DynamoDB that never answers after ${DYNAMO_MAX_ATTEMPTS} short attempts`, async () => {
    answer = () => 'hang';
    const started = Date.now();
    await expect(wire().getItem({ TableName: 't', Key: {} })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(seen).toHaveLength(DYNAMO_MAX_ATTEMPTS);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('names DynamoDB errors as the SDK does and needs credentials outside a local endpoint', async () => {
    answer = () => error('ValidationException', 400);
    await expect(wire().getItem({ TableName: 't', Key: {} })).rejects.toMatchObject({ name: 'ValidationException' });
    expect(seen).toHaveLength(1);
    const saved = { ...process.env };
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
    try {
      await expect(createDynamoWire({ region: 'us-east-1' }).getItem({ TableName: 't', Key: {} })).rejects.toMatchObject({
        name: 'CredentialsError',
      });
    } finally {
      process.env = saved;
    }
  });

  function progress(): Progress {
    return { variant: 'standard', segmentId: 'rest', offsetMs: 0, state: 'playing', nonce: 'abc12345', seq: 1 };
  }
});
