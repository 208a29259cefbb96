/**
 * Lambda entry. The catalog (segment order, titles, durations, file names) is compiled into the
 * bundle at build time; the DynamoDB client loads on the first request that needs it, so
 * NearlyFinished and friends never pay for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Skill as CustomSkill } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Catalog } from './playback/catalog';
import { newNonce } from './playback/token';
import { readConfig, type SkillConfig } from './config';
import { jsonLogger } from './skill/log';
import { createSkill } from './skill/skill';
import { pollyClipVoice, type ClipMaker } from './sankalpa/clips';
import { wrapStore, type ListenerStore } from './store/types';

declare const __SPINE_NIDRA_CATALOG__: Catalog | undefined;

let skill: CustomSkill | undefined;

export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  skill ??= createSkill({
    ...depsFromConfig(readConfig()),
    catalog: bundledCatalog(),
  });
  return skill.invoke(event, context);
}

function depsFromConfig(config: SkillConfig) {
  return {
    store: lazyDynamoStore(config),
    audioBaseUrl: config.audioBaseUrl,
    skillId: config.skillId,
    now: Date.now,
    newNonce: () => newNonce(),
    log: jsonLogger,
    clips: lazyPollyClips(config),
  };
}

/** Polly and S3 load only when a listener's clip is first made, never on the playback path. */
function lazyPollyClips(config: SkillConfig): ClipMaker | undefined {
  const { clipBucket, pollyVoice, region } = config;
  if (!clipBucket) return undefined;
  let maker: Promise<ClipMaker> | undefined;
  const load = () =>
    (maker ??= Promise.all([import('@aws-sdk/client-polly'), import('@aws-sdk/client-s3'), import('./clips/polly-s3-clip-maker')]).then(
      ([polly, s3, clips]) =>
        clips.createPollyS3ClipMaker({
          polly: new polly.PollyClient({ region, maxAttempts: 2 }),
          s3: new s3.S3Client({ region, maxAttempts: 2 }),
          bucket: clipBucket,
          voiceId: pollyVoice,
        }),
    ));
  return { voice: pollyClipVoice(pollyVoice), make: async (text, files) => (await load()).make(text, files) };
}

function bundledCatalog(): Catalog {
  if (typeof __SPINE_NIDRA_CATALOG__ !== 'undefined') return __SPINE_NIDRA_CATALOG__;
  const path = process.env.CATALOG_PATH ?? join(__dirname, 'catalog.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Catalog;
}

export function lazyDynamoStore(config: Pick<SkillConfig, 'region' | 'dynamoEndpoint' | 'tableName'>): ListenerStore {
  let store: Promise<ListenerStore> | undefined;
  const get = () =>
    // The lean wire client, not the SDK's DynamoDBClient: a cold Launch loads it in a fraction of the time.
    (store ??= import('./store/wire').then((wire) =>
      wire.createWireStore({ region: config.region, endpoint: config.dynamoEndpoint }, config.tableName),
    ));
  return wrapStore(get);
}
