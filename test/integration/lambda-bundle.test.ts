import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { readConfig } from '../../lambda/config';
import { ensureTable } from '../../local/table';
import { createDynamoWire } from '../../lambda/store/wire';
import { buildLambda } from '../../tools/build';
import { estimatedManifest } from '../support/catalog';
import { audioEvent, launch, SKILL_ID } from '../../testkit/envelopes';

type Handler = (event: RequestEnvelope, context?: unknown) => Promise<ResponseEnvelope>;

describe('the built Lambda bundle', () => {
  let handler: Handler;
  let bytes: number;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spine-nidra-bundle-'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(estimatedManifest()));
    ({ bytes } = await buildLambda(join(dir, 'manifest.json'), join(dir, 'index.js')));
    await ensureTable(createDynamoWire({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }), 'bundle-listeners');
    Object.assign(process.env, {
      TABLE_NAME: 'bundle-listeners',
      AUDIO_BASE_URL: 'https://cdn.spine-nidra.test/audio/',
      SKILL_ID,
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = require(join(dir, 'index.js')).handler as Handler;
  });

  it('is one CommonJS file exporting an async handler', async () => {
    expect(bytes).toBeGreaterThan(10_000);
    expect(handler.length).toBeLessThanOrEqual(2);
    const pending = handler(launch());
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toHaveProperty('response');
  });

  it('answers a LaunchRequest from the compiled-in catalog, with https URLs under AUDIO_BASE_URL', async () => {
    const response = await handler(launch({ userId: 'amzn1.ask.account.BUNDLE' }));
    const play = response.response.directives?.[0] as { audioItem: { stream: { url: string; token: string } } };
    expect(play.audioItem.stream.url).toMatch(/^https:\/\/cdn\.spine-nidra\.test\/audio\/arrival\.[0-9a-f]+\.mp3$/);
  });

  it('enqueues on NearlyFinished', async () => {
    const response = await handler(audioEvent('PlaybackNearlyFinished', 'spine-nidra|1|standard|rest|abcd1234|0|', 1));
    const play = response.response.directives?.[0] as { playBehavior: string; audioItem: { stream: { url: string } } };
    expect(play.playBehavior).toBe('ENQUEUE');
    expect(play.audioItem.stream.url).toContain('/closing-sankalpa.');
  });

  it('refuses requests for another skill id', async () => {
    await expect(handler(launch({ skillId: 'amzn1.ask.skill.not-ours' }))).rejects.toThrow();
  });
});

describe('configuration', () => {
  const base = { TABLE_NAME: 'listeners', AUDIO_BASE_URL: 'https://cdn.example.com/a/' };
  it('trims the base URL and reads the optional settings', () => {
    expect(
      readConfig({
        ...base,
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
        SKILL_ID: 'amzn1.ask.skill.x',
        AWS_REGION: 'eu-west-1',
        CLIP_BUCKET: 'audio-bucket',
      }),
    ).toEqual({
      tableName: 'listeners',
      clipBucket: 'audio-bucket',
      pollyVoice: 'Ruth',
      audioBaseUrl: 'https://cdn.example.com/a',
      dynamoEndpoint: 'http://127.0.0.1:8000',
      skillId: 'amzn1.ask.skill.x',
      region: 'eu-west-1',
    });
  });

  it.each([
    [{ ...base, AUDIO_BASE_URL: 'http://cdn.example.com' }, /https/],
    [{ ...base, AUDIO_BASE_URL: '' }, /https/],
    [{ AUDIO_BASE_URL: base.AUDIO_BASE_URL }, /TABLE_NAME/],
  ])('refuses a bad configuration %#', (env, message) => {
    expect(() => readConfig(env)).toThrow(message);
  });
});
