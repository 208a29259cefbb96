/**
 * Baseline Lambda entry, written the standard way: everything (SDK client included) is built when
 * the module loads, and `.lambda()` gives the callback-style handler the official sample exports.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Catalog } from '../../lambda/playback/catalog';
import { DynamoDbV3PersistenceAdapter } from './persistence';
import { baselineHandler } from './skill';

declare const __SPINE_NIDRA_CATALOG__: Catalog;

const catalog = __SPINE_NIDRA_CATALOG__;
const baseUrl = (process.env.AUDIO_BASE_URL ?? '').replace(/\/+$/, '');
const tracks = catalog.variants[catalog.defaultVariant].map((id) => ({
  title: catalog.segments[id].title,
  url: `${baseUrl}/${catalog.segments[id].file}`,
}));

const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;
const client = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'us-east-1',
  endpoint,
  // A local DynamoDB accepts any credentials; on AWS the role's are used.
  ...(endpoint && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});

export const handler = baselineHandler(
  tracks,
  new DynamoDbV3PersistenceAdapter({ tableName: process.env.TABLE_NAME ?? 'baseline', client, partitionKeyName: 'pk' }),
  process.env.SKILL_ID ?? '',
);
