/**
 * Generated and mutated envelopes through the Lambda's own entry (lambda/index.ts: its wire
 * DynamoDB client, against the test run's DynamoDB). Whatever arrives, the skill answers as an Echo
 * accepts, or refuses what is not a request for it; no stream outside the audio base; every stored
 * item stays valid, and a request only ever changes its own listener's item. The integration tier
 * runs a modest count (FUZZ_RUNS, default 1,000); the e2e tier runs the full 10,000.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { alexaRuleViolations } from '../../testkit/alexa-rules';
import { segmentFile } from '../../lambda/playback/catalog';
import { accountKey, listenerKey } from '../../lambda/skill/listener';
import { refusalReason } from '../../lambda/skill/refusal';
import { AUDIO_BASE_URL, testCatalog } from './catalog';
import { fuzzEnvelopes } from './fuzz-envelopes';
import { itemProblems } from './listener-item';
import { SKILL_ID } from '../../testkit/envelopes';
import { createTestTable } from './harness';
import type { DynamoWire } from '../../lambda/store/wire';

const catalog = testCatalog();

export function describeFuzz(runs: number, seed: number): void {
  describe(`fuzzing the Lambda entry with ${runs.toLocaleString('en-US')} envelopes (seed ${seed})`, () => {
    const logLines: string[] = [];
    let handler: (event: RequestEnvelope) => Promise<ResponseEnvelope>;
    let wire: DynamoWire;
    let tableName: string;

    beforeAll(async () => {
      ({ wire, tableName } = await createTestTable('fuzz'));
      const dir = mkdtempSync(path.join(tmpdir(), 'spine-nidra-fuzz-'));
      writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify(catalog));
      Object.assign(process.env, {
        TABLE_NAME: tableName,
        AUDIO_BASE_URL,
        SKILL_ID,
        CATALOG_PATH: path.join(dir, 'catalog.json'),
        LOG_LEVEL: 'info',
      });
      for (const method of ['log', 'warn', 'error'] as const) {
        jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logLines.push(String(args[0])));
      }
      ({ handler } = await import('../../lambda/index'));
    });

    afterAll(() => {
      jest.restoreAllMocks();
      wire.destroy();
    });

    const items = async () => {
      const { Items = [] } = await wire.call<{ Items?: Parameters<typeof unmarshall>[0][] }>('Scan', { TableName: tableName });
      return new Map(
        Items.map((item) => {
          const plain = unmarshall(item);
          return [String(plain.pk), plain];
        }),
      );
    };

    it('answers or refuses every one, within the rules, and leaves every item valid and its own', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => void unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      let before = await items();
      const outcomes = { answered: 0, refused: 0, played: 0 };
      const requesters = new Set<string>();
      try {
        await fc.assert(
          fc.asyncProperty(fuzzEnvelopes(catalog), async (generated) => {
            const envelope = generated as RequestEnvelope;
            const refusal = refusalReason(envelope, SKILL_ID);
            let response: ResponseEnvelope;
            try {
              response = await handler(envelope);
            } catch (error) {
              // The only acceptable failure: a refusal of what is not Alexa asking this skill for a listener.
              expect((error as Error).name).toBe('RequestRefusedError');
              expect(refusal).toBeDefined();
              outcomes.refused += 1;
              return;
            }
            expect(refusal).toBeUndefined();
            outcomes.answered += 1;
            expect(alexaRuleViolations(envelope, response, { audioBaseUrl: AUDIO_BASE_URL })).toEqual([]);
            const interfaces = envelope.context?.System?.device?.supportedInterfaces as Record<string, unknown> | undefined;
            const spoken = ['LaunchRequest', 'IntentRequest'].includes(String(envelope.request?.type));
            // Every spoken answer says whether the session stays open (Alexa+ ends half-open ones).
            if (spoken && response.response.outputSpeech) expect(typeof response.response.shouldEndSession).toBe('boolean');
            // A device without AudioPlayer is never sent a Play it cannot play.
            if (spoken && !interfaces?.AudioPlayer)
              expect(response.response.directives ?? []).not.toContainEqual(expect.objectContaining({ type: 'AudioPlayer.Play' }));
            if (envelope.request?.type === 'CanFulfillIntentRequest') {
              expect(['YES', 'NO', 'MAYBE']).toContain(
                (response.response as { canFulfillIntent?: { canFulfill?: string } }).canFulfillIntent?.canFulfill,
              );
            }
            for (const directive of response.response.directives ?? []) {
              const url = (directive as { audioItem?: { stream?: { url?: string } } }).audioItem?.stream?.url;
              if (url === undefined) continue;
              outcomes.played += 1;
              const file = url.slice(AUDIO_BASE_URL.length + 1);
              expect(playableFiles.has(file) || /^clips\/(closing-)?sankalpa-personal\.[a-f0-9]{16}\.mp3$/.test(file)).toBe(true);
            }

            const after = await items();
            // Its own item, and for a recognised voice the account's list of people (nothing else on it).
            const own = listenerKey(envelope);
            const account = accountKey(envelope);
            requesters.add(own).add(account);
            if (envelope.request.type === 'AlexaSkillEvent.SkillDisabled') {
              // Disabling erases the whole account: its item and every voice it lists, nothing else.
              const household = new Set([account, ...[...((before.get(account)?.people as Set<string> | undefined) ?? [])]]);
              const after = await items();
              for (const [key, item] of after) {
                if (household.has(key)) expect(Object.keys(item).sort()).toEqual(['expiresAt', 'pk', 'progressSeq']);
                else expect(item).toEqual(before.get(key));
              }
              before = after;
              return;
            }
            for (const [key, item] of after) {
              expect(itemProblems(catalog, item)).toEqual([]);
              if (key === account && key !== own) expect(withoutPeople(item)).toEqual(withoutPeople(before.get(key)));
              else if (key !== own) expect(item).toEqual(before.get(key));
            }
            for (const key of before.keys()) if (key !== own && key !== account) expect(after.has(key)).toBe(true);
            before = after;
          }),
          { numRuns: runs, seed, endOnFailure: true },
        );
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(unhandled).toEqual([]);
      // The run exercised both sides and real playback, not only refusals.
      expect(outcomes.answered).toBeGreaterThan(runs / 2);
      expect(outcomes.refused).toBeGreaterThan(0);
      expect(outcomes.played).toBeGreaterThan(runs / 20);
      // Every item belongs to a listener (or the account of a voice) some answered request came from.
      const bareMarker = (item: Record<string, unknown>) => Object.keys(item).sort().join() === 'expiresAt,pk,progressSeq';
      const strays = [...(await items())].filter(([key, item]) => !requesters.has(key) && !bareMarker(item));
      expect(strays.map(([key]) => key)).toEqual([]);
      // Structured logs only, and none names a listener.
      for (const line of logLines) {
        expect(() => JSON.parse(line)).not.toThrow();
        expect(line).not.toMatch(/amzn1\.ask\.account|spine-nidra\|/);
      }
    }, 600_000);
  });
}

const playableFiles = new Set(
  Object.entries(catalog.variants).flatMap(([variant, segments]) => segments.map((segmentId) => segmentFile(catalog, variant, segmentId))),
);

/** An account item apart from the list of recognised voices a person's request may add to (which also revives an erased one). */
function withoutPeople(item: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!item) return item;
  const { people: _people, expiresAt: _expiresAt, ...rest } = item;
  return Object.keys(rest).length > 1 ? rest : undefined;
}
