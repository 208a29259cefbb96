/**
 * "Every intent the model declares is handled": each intent of every locale goes through the real
 * skill (createSkill, on an in-memory dynalite, the estimated catalog), once with nothing playing
 * and once mid-practice. An intent is unhandled when the skill's error handler answered (it logs
 * "request failed", which is also what ask-sdk's "no handler" turns into) or, for any intent but
 * Fallback and a stray Yes or No, when the fallback answer came back. Every answer must also pass
 * Alexa's rule check (testkit/alexa-rules.ts).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { spineNidra } from '../../models/spine-nidra';
import { alexaRuleViolations } from '../../testkit/alexa-rules';
import { buildCatalog } from '../../models/catalog';
import { encodeToken } from '../../lambda/playback/token';
import { say } from '../../lambda/core/speech';
import { createSkill } from '../../lambda/skill/skill';
import { createItemStore } from '../../lambda/store/listener-table';
import { ensureTable } from '../../local/table';
import { createDynamoWire } from '../../lambda/store/wire';
import { estimatedManifest } from '../estimated-manifest';
import type { CheckResult } from './checks';
import type { SkillPackage } from './skill-package-files';

const SKILL_ID = 'amzn1.ask.skill.certify';
const AUDIO_BASE_URL = 'https://audio.spine-nidra.certify';
/** Answered by the fallback handler on purpose: a stray yes or no, with no question pending. */
const FALLBACK_BY_DESIGN = new Set(['AMAZON.FallbackIntent', 'AMAZON.YesIntent', 'AMAZON.NoIntent']);
const FALLBACK_SPEECH = [say.fallback, say.fallbackAtNight];

async function startDynalite(): Promise<{ endpoint: string; close(): Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (options: object) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function intentRequest(locale: string, name: string, slotNames: string[], player?: { token: string }): RequestEnvelope {
  const application = { applicationId: SKILL_ID };
  const user = { userId: 'amzn1.ask.account.CERTIFY' };
  return {
    version: '1.0',
    session: { new: true, sessionId: 'amzn1.echo-api.session.certify', application, user, attributes: {} },
    context: {
      System: {
        application,
        user,
        device: { deviceId: 'amzn1.ask.device.CERTIFY', supportedInterfaces: { AudioPlayer: {} } },
        apiEndpoint: 'https://api.amazonalexa.com',
      },
      ...(player ? { AudioPlayer: { ...player, offsetInMilliseconds: 30_000, playerActivity: 'PLAYING' } } : {}),
    },
    request: {
      type: 'IntentRequest',
      requestId: `amzn1.echo-api.request.${name}`,
      timestamp: new Date().toISOString(),
      locale,
      intent: {
        name,
        confirmationStatus: 'NONE',
        slots: Object.fromEntries(slotNames.map((slot) => [slot, { name: slot, confirmationStatus: 'NONE' }])),
      },
    },
  } as unknown as RequestEnvelope;
}

const spokenIn = (response: ResponseEnvelope) => (response.response.outputSpeech as { ssml?: string } | undefined)?.ssml ?? '';

export async function checkIntentsHandled(pkg: SkillPackage): Promise<CheckResult> {
  const problems: string[] = [];
  const database = await startDynalite();
  const client = createDynamoWire({ region: 'us-east-1', endpoint: database.endpoint });
  let sent = 0;
  try {
    await ensureTable(client, 'certify');
    const catalog = buildCatalog(spineNidra, estimatedManifest());
    const errors: string[] = [];
    const skill = createSkill({
      catalog,
      store: createItemStore(client, 'certify'),
      audioBaseUrl: AUDIO_BASE_URL,
      skillId: SKILL_ID,
      // Three in the afternoon in New York: the daytime answers.
      now: () => Date.UTC(2026, 10, 24, 20),
      timeZoneOf: async () => ({ zone: 'America/New_York' }),
      newNonce: () => 'certify1',
      log: { info: () => undefined, warn: () => undefined, error: (message) => errors.push(message) },
      storeBudgetMs: 3_000,
    });
    const playing = {
      token: encodeToken(catalog, {
        variant: catalog.defaultVariant,
        segmentId: catalog.variants[catalog.defaultVariant][3],
        nonce: 'certify0',
        attempt: 0,
        clip: '',
      }),
    };
    for (const [locale, model] of Object.entries(pkg.models)) {
      for (const intent of model.intents) {
        for (const [when, player] of [
          ['with nothing playing', undefined],
          ['during the practice', playing],
        ] as const) {
          const request = intentRequest(
            locale,
            intent.name,
            (intent.slots ?? []).map((slot) => slot.name),
            player,
          );
          errors.length = 0;
          sent += 1;
          const response = await skill.invoke(request);
          const label = `${locale} ${intent.name} ${when}`;
          if (errors.length) problems.push(`${label}: the error handler answered (${errors.join('; ')})`);
          else if (!FALLBACK_BY_DESIGN.has(intent.name) && FALLBACK_SPEECH.some((text) => spokenIn(response).includes(text))) {
            problems.push(`${label}: the fallback handler answered`);
          }
          problems.push(...alexaRuleViolations(request, response, { audioBaseUrl: AUDIO_BASE_URL }).map((problem) => `${label}: ${problem}`));
        }
      }
    }
  } finally {
    client.destroy();
    await database.close();
  }
  return {
    name: 'intents handled',
    problems,
    summary: `${sent} requests, every declared intent of every locale idle and mid-practice, answered by its handler within Alexa's rules`,
  };
}
