/**
 * The whole skill on this computer: the embedded DynamoDB, the skill behind POST /alexa with
 * Alexa's signature and timestamp checks on, the audio under /audio/, and the device simulator.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ExpressAdapter } from 'ask-sdk-express-adapter';
import type { LocalClipMaker } from './local-clip-maker';
import { newNonce } from '../lambda/playback/token';
import type { ClipMaker } from '../lambda/sankalpa/clips';
import type { Logger } from '../lambda/skill/deps';
import { jsonLogger } from '../lambda/skill/log';
import { createSkill } from '../lambda/skill/skill';
import { createItemStore } from '../lambda/store/listener-table';
import { DEFAULT_RENDER_SETTINGS, voiceSettingsId } from '../tools/audio/render-key';
import { HTML_CONTENT_TYPE, renderLegalPages } from '../tools/legal/pages';
import { audioRoute } from './audio-route';
import { closableStore, createInFlight, trackInvocations } from './in-flight';
import type { LocalConfig } from './local-config';
import { startLocalDatabase } from './local-database';
import { createNlu, type InteractionModel } from './nlu';
import { emptyTally, simulatorMetrics, tallyingLogger } from './metrics-tally';
import { loadPracticeAudio } from './practice-audio';
import { simulatorRoutes } from './simulator-routes';

/** The application id the simulator uses when SKILL_ID is not set (the skill then checks none). */
export const SIMULATOR_SKILL_ID = 'amzn1.ask.skill.local-simulator';
/** Store calls may take this long locally (the Lambda's budget is 700 ms against a real DynamoDB). */
const LOCAL_STORE_BUDGET_MS = 3_000;
/** On shutdown, skill requests still running get this long to finish their writes. */
const DRAIN_MS = 5_000;

export interface LocalServer {
  /** Base URL of this server, e.g. http://localhost:3000/ */
  url: string;
  port: number;
  /** Segments whose rendered audio is older than the practice text. */
  outdatedAudio: string[];
  /** Stops taking requests, lets running skill requests finish, then closes the database. */
  close(): Promise<void>;
}

export async function startLocalServer(config: LocalConfig, options: { log?: Logger } = {}): Promise<LocalServer> {
  const { catalog, outdated } = loadPracticeAudio(config.audioDir);
  const model = JSON.parse(readFileSync(config.modelPath, 'utf8')) as InteractionModel;
  const database = await startLocalDatabase(config.dataDir, config.tableName);
  const inFlight = createInFlight();
  const guarded = closableStore(createItemStore(database.wire, config.tableName), inFlight);
  const store = guarded.store;
  // Personal sankalpa clips in the practice voice, written to <audio dir>/clips/ and served under /audio/clips/.
  const clips = lazyLocalClips(config.audioDir);
  // Metric lines print like the Lambda's; the simulator also shows their running funnel.
  const tally = emptyTally();
  const sectionOrder = [...new Set(Object.values(catalog.segments).map((segment) => segment.sectionId))];
  const skill = createSkill({
    catalog,
    store,
    audioBaseUrl: config.audioBaseUrl,
    skillId: config.skillId,
    now: Date.now,
    newNonce: () => newNonce(),
    log: tallyingLogger(options.log ?? jsonLogger, tally),
    clips,
    // dynalite runs in this process, so its answers wait behind the server's own work; Alexa allows 8 s.
    storeBudgetMs: LOCAL_STORE_BUDGET_MS,
  });
  trackInvocations(skill, inFlight);
  const skillId = config.skillId ?? SIMULATOR_SKILL_ID;

  const app = express();
  app.disable('x-powered-by');
  let closing = false;
  app.use((_req: Request, res: Response, next: NextFunction) => {
    if (!closing) return next();
    res.status(503).set('Connection', 'close').type('text/plain').send('Shutting down\n');
  });
  // verifySignature and verifyTimeStamp on: this route is what a tunnel exposes to Alexa.
  app.post('/alexa', new ExpressAdapter(skill, true, true).getRequestHandlers());
  // The privacy policy and terms, as deploy:audio uploads them beside the audio (before /audio takes the path).
  for (const page of renderLegalPages()) {
    for (const route of [`/${page.key}`, `/audio/${page.key}`]) app.get(route, (_req, res) => void res.type(HTML_CONTENT_TYPE).send(page.html));
  }
  app.use('/audio', audioRoute(config.audioDir));
  app.use(
    simulatorRoutes({
      skill,
      store,
      catalog,
      audioBaseUrl: config.audioBaseUrl,
      skillId,
      locale: 'en-US',
      nlu: createNlu(model, { skillId }),
      metrics: () => simulatorMetrics(tally, sectionOrder),
    }),
  );
  app.use((_req: Request, res: Response) => void res.status(404).type('text/plain').send('Not found\n'));

  const server = createServer(app);
  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await database.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const shownHost = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host;
  let shutdown: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    outdatedAudio: outdated,
    close: () =>
      (shutdown ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await inFlight.idle(DRAIN_MS);
        guarded.close();
        // Audio downloads and keep-alive sockets would hold the server open; no writes ride on them.
        server.closeAllConnections();
        await stopped;
        await inFlight.idle(DRAIN_MS);
        await Promise.all([database.close(), clips.close()]);
      })()),
  };
}

/** The speech engine loads when the first clip is made, so a start never waits for it. */
function lazyLocalClips(audioDir: string): ClipMaker & { close(): Promise<void> } {
  let maker: Promise<LocalClipMaker> | undefined;
  const load = () => (maker ??= import('./local-clip-maker').then((module) => module.createLocalClipMaker(audioDir)));
  return {
    // The same id createLocalClipMaker reports, known without loading it.
    voice: voiceSettingsId(DEFAULT_RENDER_SETTINGS.voice),
    make: async (text, files) => (await load()).make(text, files),
    close: async () => (maker ? (await maker).close() : undefined),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
