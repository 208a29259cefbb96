/** The real skill against a real (dynalite) table, with a clock the test controls and every DynamoDB call counted. */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { alexaRuleViolations } from '../../lambda/alexa-rules';
import type { Catalog } from '../../lambda/playback/catalog';
import type { SkillDeps } from '../../lambda/skill/deps';
import { listenerKey } from '../../lambda/skill/listener';
import { createSkill } from '../../lambda/skill/skill';
import { createDynamoClient } from '../../lambda/store/client';
import { createDynamoStore } from '../../lambda/store/dynamo-store';
import { ensureTable } from '../../lambda/store/table';
import type { ListenerStore } from '../../lambda/store/types';
import { AUDIO_BASE_URL, testCatalog } from './catalog';
import { SKILL_ID } from './requests';

export interface LogEntry {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export interface Harness {
  catalog: Catalog;
  store: ListenerStore;
  client: DynamoDBClient;
  /** DynamoDB command names sent since the last reset. */
  calls: string[];
  /** The item key (pk) of every DynamoDB command sent, in order. */
  keys: string[];
  logs: LogEntry[];
  clock: { ms: number };
  send(request: RequestEnvelope): Promise<ResponseEnvelope>;
  keyOf(userId?: string): string;
}

export async function createHarness(overrides: Partial<SkillDeps> = {}): Promise<Harness> {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('dynalite is not running (jest global setup sets DYNAMODB_ENDPOINT)');
  const client = createDynamoClient({ region: 'us-east-1', endpoint });
  const tableName = `listeners-${randomUUID()}`;
  await ensureTable(client, tableName);
  const calls: string[] = [];
  const keys: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName));
      const input = args.input as { Key?: { pk?: { S?: string } }; Item?: { pk?: { S?: string } } };
      keys.push(String(input.Key?.pk?.S ?? input.Item?.pk?.S));
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const logs: LogEntry[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => logs.push({ level, message, fields });
  const clock = { ms: Date.parse('2026-11-24T21:30:00Z') };
  let nonces = 0;
  const catalog = testCatalog();
  const store = createDynamoStore(client, tableName);
  const skill = createSkill({
    catalog,
    store,
    audioBaseUrl: AUDIO_BASE_URL,
    skillId: SKILL_ID,
    now: () => clock.ms,
    newNonce: () => `n${(nonces += 1).toString(36).padStart(7, '0')}`,
    log: { info: log('info'), warn: log('warn'), error: log('error') },
    ...overrides,
  });
  return {
    catalog,
    store,
    client,
    calls,
    keys,
    logs,
    clock,
    async send(request) {
      const response = await skill.invoke(request);
      const violations = alexaRuleViolations(request, response, { audioBaseUrl: AUDIO_BASE_URL });
      if (violations.length) throw new Error(`Alexa would reject this response:\n${violations.join('\n')}`);
      return response;
    },
    keyOf: (userId = 'amzn1.ask.account.LISTENER-ONE') =>
      listenerKey({ context: { System: { user: { userId } } } } as unknown as RequestEnvelope),
  };
}

/** The Play directive of a response, if any. */
export function playOf(response: ResponseEnvelope) {
  const play = (response.response.directives ?? []).find((d) => d.type === 'AudioPlayer.Play') as
    | { playBehavior: string; audioItem: { stream: { url: string; token: string; offsetInMilliseconds: number; expectedPreviousToken?: string } } }
    | undefined;
  return play && { behavior: play.playBehavior, ...play.audioItem.stream };
}

export function speechOf(response: ResponseEnvelope): string | undefined {
  const speech = response.response.outputSpeech as { ssml?: string } | undefined;
  return speech?.ssml;
}

/** The segment id a token or stream URL points at. */
export function segmentOfToken(token: string): string {
  return token.split('|')[3];
}
