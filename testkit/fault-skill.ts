/**
 * The real skill on a real DynamoDB client (the SDK's, or the Lambda's lean wire client) pointed
 * wherever a test or the fault benchmark says: usually the fault proxy in front of dynalite.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { alexaRuleViolations } from './alexa-rules';
import type { Catalog } from '../lambda/playback/catalog';
import type { SkillDeps } from '../lambda/skill/deps';
import { createSkill } from '../lambda/skill/skill';
import { createDynamoClient, createDynamoStore } from '../local/sdk-dynamo';
import { createItemStore } from '../lambda/store/listener-table';
import type { ListenerStore } from '../lambda/store/types';
import { createDynamoWire } from '../lambda/store/wire';
import { AUDIO_BASE_URL } from './catalog';
import { SKILL_ID } from './envelopes';
import { trackCalls } from './settle';

/** One line the skill logged, as tests read it. */
export interface LogEntry {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

export const CLIENT_KINDS = ['sdk', 'wire'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export interface FaultSkill {
  /** Answers like skill.invoke, and throws what a real Echo would reject. */
  send(request: RequestEnvelope): Promise<ResponseEnvelope>;
  /** Resolves once every store call has finished, including those the skill stopped waiting for. */
  settled(): Promise<void>;
  logs: LogEntry[];
  /** Closes the client's connections. */
  close(): void;
}

export function storeOn(kind: ClientKind, endpoint: string, tableName: string): { store: ListenerStore; close(): void } {
  const config = { region: 'us-east-1', endpoint };
  if (kind === 'sdk') {
    const client = createDynamoClient(config);
    return { store: createDynamoStore(client, tableName), close: () => client.destroy() };
  }
  const wire = createDynamoWire(config);
  return { store: createItemStore(wire, tableName), close: () => wire.destroy() };
}

export function createFaultSkill(
  kind: ClientKind,
  endpoint: string,
  tableName: string,
  deps: Pick<SkillDeps, 'catalog' | 'now'> & Partial<SkillDeps>,
): FaultSkill {
  const { store, close } = storeOn(kind, endpoint, tableName);
  const tracked = trackCalls(store);
  const logs: LogEntry[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) => logs.push({ level, message, fields });
  let nonces = 0;
  const skill = createSkill({
    store: tracked.store,
    audioBaseUrl: AUDIO_BASE_URL,
    skillId: SKILL_ID,
    newNonce: () => `f${(nonces += 1).toString(36).padStart(7, '0')}`,
    log: { info: log('info'), warn: log('warn'), error: log('error') },
    ...deps,
  });
  return {
    async send(request) {
      const response = await skill.invoke(request);
      const violations = alexaRuleViolations(request, response, { audioBaseUrl: AUDIO_BASE_URL });
      if (violations.length) throw new Error(`Alexa would reject this response:\n${violations.join('\n')}`);
      return response;
    },
    settled: tracked.settled,
    logs,
    close,
  };
}

/** The first part of the practice every fresh start plays. */
export const firstSegment = (catalog: Catalog) => catalog.variants[catalog.defaultVariant][0];
