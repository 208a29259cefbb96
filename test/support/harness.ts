/**
 * The real skill against a real table (dynalite, or Amazon's DynamoDB Local), over the Lambda's own
 * DynamoDB client, with a clock the test controls and every DynamoDB call counted.
 */
import { randomUUID } from 'node:crypto';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { alexaRuleViolations } from '../../testkit/alexa-rules';
import type { Catalog } from '../../lambda/playback/catalog';
import type { SkillDeps } from '../../lambda/skill/deps';
import { listenerKey } from '../../lambda/skill/listener';
import { createSkill } from '../../lambda/skill/skill';
import { createItemStore, type ItemCalls } from '../../lambda/store/listener-table';
import { ensureTable } from '../../local/table';
import type { ListenerStore } from '../../lambda/store/types';
import { createDynamoWire, type DynamoWire } from '../../lambda/store/wire';
import { LISTENER_ID, SKILL_ID } from '../../testkit/envelopes';
import { AUDIO_BASE_URL, testCatalog } from './catalog';

export type { LogEntry } from '../../testkit/fault-skill';
import type { LogEntry } from '../../testkit/fault-skill';

export interface Harness {
  catalog: Catalog;
  store: ListenerStore;
  /** The wire client itself, for a test's own direct reads. */
  wire: DynamoWire;
  tableName: string;
  /** DynamoDB operation names sent since the last reset. */
  calls: string[];
  /** The item key (pk) of every DynamoDB operation sent, in order. */
  keys: string[];
  logs: LogEntry[];
  clock: { ms: number };
  send(request: RequestEnvelope): Promise<ResponseEnvelope>;
  keyOf(userId?: string): string;
}

/** The DynamoDB the test run started (jest's global setup): dynalite, or DynamoDB Local. */
export function testDynamoEndpoint(): string {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('no local DynamoDB is running (jest global setup sets DYNAMODB_ENDPOINT)');
  return endpoint;
}

/** A fresh table on the test run's DynamoDB, and the wire client to reach it. */
export async function createTestTable(prefix = 'listeners'): Promise<{ wire: DynamoWire; tableName: string }> {
  const wire = createDynamoWire({ region: 'us-east-1', endpoint: testDynamoEndpoint() });
  const tableName = `${prefix}-${randomUUID()}`;
  await ensureTable(wire, tableName);
  return { wire, tableName };
}

/** Item calls that record each operation's name and key before it goes out. */
export function countedCalls(inner: ItemCalls, calls: string[], keys: string[]): ItemCalls {
  const record = (operation: string, key: unknown) => {
    calls.push(operation);
    keys.push(String((key as { pk?: { S?: string } } | undefined)?.pk?.S));
  };
  return {
    getItem: (input) => {
      record('GetItem', input.Key);
      return inner.getItem(input);
    },
    updateItem: (input) => {
      record('UpdateItem', input.Key);
      return inner.updateItem(input);
    },
    putItem: (input) => {
      record('PutItem', input.Item);
      return inner.putItem(input);
    },
  };
}

export async function createHarness(overrides: Partial<SkillDeps> = {}): Promise<Harness> {
  const { wire, tableName } = await createTestTable();
  const calls: string[] = [];
  const keys: string[] = [];
  const logs: LogEntry[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => logs.push({ level, message, fields });
  const clock = { ms: Date.parse('2026-11-24T21:30:00Z') };
  let nonces = 0;
  const catalog = testCatalog();
  const store = createItemStore(countedCalls(wire, calls, keys), tableName);
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
    wire,
    tableName,
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
    keyOf: (userId = LISTENER_ID) => listenerKey({ context: { System: { user: { userId } } } } as unknown as RequestEnvelope),
  };
}
