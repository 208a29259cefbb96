/**
 * The device simulator's side of the server: its page, its language understanding, and a way to
 * reach the very skill instance behind /alexa without Alexa's signature. All of it answers this
 * computer only (see local-only.ts); the public /alexa route never skips verification.
 */
import path from 'node:path';
import { buildSync } from 'esbuild';
import express, { type Request, type Response, type Router } from 'express';
import type { Skill as CustomSkill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { alexaRuleViolations } from '../testkit/alexa-rules';
import type { Catalog } from '../lambda/playback/catalog';
import { listenerKey } from '../lambda/skill/listener';
import type { ListenerRecord, ListenerStore } from '../lambda/store/types';
import { localOnly } from './local-only';
import type { Understanding, UnderstandContext } from './nlu';

/** When the page sends AudioPlayer.PlaybackNearlyFinished: this long before the end of an item. */
export const NEARLY_FINISHED_BEFORE_END_MS = 10_000;
/** Alexa gives a skill about this long to answer before the device gives up. */
export const ALEXA_RESPONSE_LIMIT_MS = 8_000;

export interface SimulatorDeps {
  skill: CustomSkill;
  store: ListenerStore;
  catalog: Catalog;
  audioBaseUrl: string;
  /** The application id the simulated device puts in its requests. */
  skillId: string;
  locale: string;
  nlu: { invocationName: string; understand(text: string, context?: UnderstandContext): Understanding };
  /** The practice metrics this server has counted (metrics-tally.ts), shown as a funnel. */
  metrics?: () => unknown;
}

export function simulatorRoutes(deps: SimulatorDeps): Router {
  const router = express.Router();
  // Scoped to the simulator's own paths, so /alexa and /audio stay public.
  router.use('/simulator', localOnly);
  const pageDir = path.join(__dirname, 'simulator');
  router.get('/', localOnly, (_req, res) => res.sendFile(path.join(pageDir, 'index.html')));
  router.get('/simulator/page/token.js', (_req, res) => void res.type('text/javascript').send(tokenCodecForBrowser()));
  router.use('/simulator/page', express.static(pageDir, { index: false, maxAge: 0 }));
  router.use('/simulator', express.json({ limit: '1mb' }));

  router.get('/simulator/state', async (req: Request, res: Response) => {
    const userId = typeof req.query.userId === 'string' ? req.query.userId : undefined;
    // Express 4 does not catch a rejected async handler: without this, a failed read is an unhandled rejection and the request never ends.
    let listener: ListenerRecord | null;
    try {
      listener = userId ? await readListener(deps.store, userId) : null;
    } catch (error) {
      return void res.status(503).json({ error: `the stored listener could not be read: ${(error as Error).message}` });
    }
    res.json({
      skillId: deps.skillId,
      locale: deps.locale,
      invocationName: deps.nlu.invocationName,
      audioBaseUrl: deps.audioBaseUrl,
      nearlyFinishedBeforeEndMs: NEARLY_FINISHED_BEFORE_END_MS,
      responseLimitMs: ALEXA_RESPONSE_LIMIT_MS,
      practice: practiceOutline(deps.catalog),
      listener,
      metrics: deps.metrics?.(),
    });
  });

  router.post('/simulator/understand', (req: Request, res: Response) => {
    const { text, playing, inSession, elicit } = (req.body ?? {}) as { text?: unknown; playing?: unknown; inSession?: unknown; elicit?: unknown };
    if (typeof text !== 'string') return void res.status(400).json({ error: 'text is required' });
    res.json(deps.nlu.understand(text, { playing: playing === true, inSession: inSession === true, elicit: elicitedSlot(elicit) }));
  });

  router.post('/simulator/alexa', async (req: Request, res: Response) => {
    const envelope = req.body as RequestEnvelope;
    if (!envelope?.request?.type) return void res.status(400).json({ error: 'a request envelope is required' });
    const started = Date.now();
    try {
      const response = await deps.skill.invoke(envelope);
      const elapsedMs = Date.now() - started;
      const violations = alexaRuleViolations(envelope, response, { audioBaseUrl: deps.audioBaseUrl });
      if (elapsedMs > ALEXA_RESPONSE_LIMIT_MS) violations.push(`answered in ${elapsedMs} ms; Alexa gives up after about 8 s`);
      const userId = envelope.context?.System?.user?.userId;
      // Shown alongside the answer only: failing to read it must not turn the skill's answer into a failure.
      let listener: ListenerRecord | null = null;
      let listenerError: string | undefined;
      if (userId) {
        try {
          listener = await readListener(deps.store, userId);
        } catch (error) {
          listenerError = (error as Error).message;
        }
      }
      res.json({ response, violations, elapsedMs, listener, metrics: deps.metrics?.(), ...(listenerError === undefined ? {} : { listenerError }) });
    } catch (error) {
      // What Alexa would see as a failed skill: the device says there was a problem.
      res.status(502).json({ error: (error as Error).message, elapsedMs: Date.now() - started });
    }
  });
  return router;
}

/** The listener's stored item, read-only, as the skill would key it. */
export async function readListener(store: ListenerStore, userId: string): Promise<ListenerRecord | null> {
  const key = listenerKey({ context: { System: { user: { userId } } } } as unknown as RequestEnvelope);
  return (await store.load(key)) ?? null;
}

/** Enough of the catalog for the page to name the part playing and count the time left. */
function practiceOutline(catalog: Catalog) {
  return {
    id: catalog.practiceId,
    defaultVariant: catalog.defaultVariant,
    variants: catalog.variants,
    segments: Object.fromEntries(
      Object.values(catalog.segments).map((segment) => [
        segment.id,
        { title: segment.title, sectionTitle: segment.sectionTitle, durationMs: segment.durationMs },
      ]),
    ),
  };
}

function elicitedSlot(value: unknown): { intent: string; slot: string } | undefined {
  const { intent, slot } = (value ?? {}) as { intent?: unknown; slot?: unknown };
  return typeof intent === 'string' && typeof slot === 'string' ? { intent, slot } : undefined;
}

let tokenCodec: string | undefined;

/** The skill's own token codec (playback/token.ts) as a browser module, so the page reads tokens exactly as the skill does. */
function tokenCodecForBrowser(): string {
  tokenCodec ??= buildSync({
    entryPoints: [path.join(__dirname, '..', 'lambda', 'playback', 'token.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).outputFiles[0].text;
  return tokenCodec;
}
