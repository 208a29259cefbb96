/**
 * DynamoDB misbehaving (unreachable, refusing, slow, throttling, failing) under the real skill on
 * both real clients: the practice keeps playing, nothing is left unhandled, and once DynamoDB is
 * back the newest progress wins, even over a write that was still on its way during the fault.
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import type { Catalog } from '../../lambda/playback/catalog';
import { eventOrder } from '../../lambda/playback/progress';
import { encodeToken, type PlaybackState } from '../../lambda/playback/token';
import { listenerKey } from '../../lambda/skill/listener';
import { say } from '../../lambda/core/speech';
import { DYNAMO_MAX_ATTEMPTS, DYNAMO_REQUEST_TIMEOUT_MS } from '../../lambda/store/limits';
import { DEFAULT_STORE_BUDGET_MS } from '../../lambda/store/deadline';
import { createItemStore } from '../../lambda/store/listener-table';
import { ensureTable } from '../../local/table';
import type { ListenerStore } from '../../lambda/store/types';
import { createDynamoWire, type DynamoWire } from '../../lambda/store/wire';
import { testCatalog } from '../support/catalog';
import { closedEndpoint, startFaultProxy, type FaultMode, type FaultProxy } from '../../testkit/fault-proxy';
import { CLIENT_KINDS, createFaultSkill, firstSegment, type FaultSkill } from '../../testkit/fault-skill';
import { segmentOfToken } from '../../testkit/tokens';
import { audioEvent, intent, launch, playOf, speechOf } from '../../testkit/envelopes';
import { watchUnhandledRejections, type RejectionWatch } from '../support/unhandled';

/** 'refused' is a closed port (nothing listens); the rest are the proxy's modes. */
const FAULTS = ['unreachable', 'refused', 'slow', 'throttled', 'internal'] as const;
type Fault = (typeof FAULTS)[number];

const catalog: Catalog = testCatalog();
const clock = { ms: Date.parse('2026-11-24T21:30:00Z') };
const at = (minute: number) => new Date(clock.ms + minute * 60_000).toISOString();
const lastSegment = catalog.variants.standard.at(-1) as string;
const tokenFor = (segmentId: string, extra: Partial<PlaybackState> = {}) =>
  encodeToken(catalog, { variant: 'standard', segmentId, nonce: 'tonight1', attempt: 0, clip: '', ...extra });
const directivesOf = (response: ResponseEnvelope) => response.response.directives ?? [];

describe.each(CLIENT_KINDS)('with the %s client', (kind) => {
  let proxy: FaultProxy;
  let direct: DynamoWire;
  let stored: ListenerStore;
  let watch: RejectionWatch;
  const tableName = `faults-${kind}-${Date.now()}`;
  const skillOn = (endpoint: string, storeBudgetMs?: number) =>
    // The skill's clock an hour on, so every event the tests send lies in its past, as real ones do.
    createFaultSkill(kind, endpoint, tableName, { catalog, now: () => clock.ms + 3_600_000, storeBudgetMs });

  beforeAll(async () => {
    watch = watchUnhandledRejections();
    proxy = await startFaultProxy();
    direct = createDynamoWire({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
    await ensureTable(direct, tableName);
    stored = createItemStore(direct, tableName);
  });
  afterAll(async () => {
    await proxy.close();
    direct.destroy();
    watch.stop();
  });

  describe.each(FAULTS)('while DynamoDB is %s', (fault: Fault) => {
    let skill: FaultSkill;
    const userId = `amzn1.ask.account.FAULT-${kind}-${fault}`;
    const attempts = fault === 'refused' ? 0 : DYNAMO_MAX_ATTEMPTS;
    beforeAll(async () => {
      // A fresh client per fault, as a new Lambda container would meet it (the SDK's retry quota starts full).
      skill = skillOn(fault === 'refused' ? await closedEndpoint() : proxy.endpoint);
      proxy.setMode(fault === 'refused' ? 'pass' : (fault as FaultMode), { then: 'drop' });
    });
    beforeEach(() => proxy.reset());
    afterEach(async () => {
      await skill.settled();
      expect(watch.reasons).toEqual([]);
      // No log line carries the listener's Alexa id, whatever failed.
      expect(JSON.stringify(skill.logs)).not.toContain('amzn1.ask.account');
    });
    afterAll(async () => {
      proxy.setMode('pass');
      await proxy.release();
      skill.close();
    });

    it('answers every AudioPlayer event with valid directives and no speech', async () => {
      const token = tokenFor('body-scan');
      const send = (type: string, eventToken: string, offset: number, minute: number, extra?: Record<string, unknown>) =>
        skill.send(audioEvent(type, eventToken, offset, { userId, timestamp: at(minute), extra }));

      const started = await send('PlaybackStarted', token, 0, 1);
      const nearlyFinished = await send('PlaybackNearlyFinished', token, 170_000, 3);
      const stopped = await send('PlaybackStopped', token, 60_000, 2);
      const finished = await send('PlaybackFinished', tokenFor(lastSegment), 100_000, 4);
      const failure = { error: { type: 'MEDIA_ERROR_SERVICE_UNAVAILABLE', message: 'unavailable' } };
      const retried = await send('PlaybackFailed', token, 0, 5, failure);
      const gaveUp = await send('PlaybackFailed', tokenFor('body-scan', { attempt: 1 }), 0, 6, failure);

      for (const quiet of [started, stopped, finished, gaveUp]) expect(directivesOf(quiet)).toEqual([]);
      for (const answer of [started, nearlyFinished, stopped, finished, retried, gaveUp]) expect(speechOf(answer)).toBeUndefined();
      expect(playOf(nearlyFinished)).toMatchObject({ behavior: 'ENQUEUE', expectedPreviousToken: token });
      expect(segmentOfToken(playOf(nearlyFinished)?.token ?? '')).toBe('spine-rotation-cervical');
      expect(playOf(retried)).toMatchObject({ behavior: 'REPLACE_ALL' });
      expect(segmentOfToken(playOf(retried)?.token ?? '')).toBe('body-scan');

      await skill.settled();
      // Four writes (Started, Stopped, the last Finished, the second Failure), each tried the full number of times.
      expect(proxy.seen).toBe(4 * attempts);
      expect(skill.logs.filter((entry) => entry.message === 'progress write failed')).toHaveLength(4);
    });

    it('Launch still starts the practice from the beginning, with a calm welcome', async () => {
      const response = await skill.send(launch({ userId, timestamp: at(10) }));
      expect(playOf(response)).toMatchObject({ behavior: 'REPLACE_ALL', offsetInMilliseconds: 0 });
      expect(segmentOfToken(playOf(response)?.token ?? '')).toBe(firstSegment(catalog));
      expect(speechOf(response)).toContain(say.welcomeNew);
      expect(response.response.shouldEndSession).toBe(true);
      await skill.settled();
      expect(proxy.seen).toBe(attempts);
      if (fault !== 'unreachable' && fault !== 'refused') expect(new Set(proxy.operations)).toEqual(new Set(['GetItem']));
    });

    it("Launch on an Echo that holds the practice's token carries on from the Echo's place", async () => {
      const player = { token: tokenFor('limbs'), offsetInMilliseconds: 42_000, playerActivity: 'STOPPED' };
      const response = await skill.send(launch({ userId, timestamp: at(11), player }));
      const play = playOf(response);
      expect(play).toMatchObject({ behavior: 'REPLACE_ALL', offsetInMilliseconds: 32_000 });
      expect(segmentOfToken(play?.token ?? '')).toBe('limbs');
      expect(speechOf(response)).toContain('Continuing with');
    });

    it('Pause still stops the device, without touching DynamoDB', async () => {
      const player = { token: tokenFor('rest'), offsetInMilliseconds: 5_000, playerActivity: 'PLAYING' };
      const response = await skill.send(intent('AMAZON.PauseIntent', { userId, timestamp: at(12), player }));
      expect(directivesOf(response)).toEqual([{ type: 'AudioPlayer.Stop' }]);
      await skill.settled();
      expect(proxy.seen).toBe(0);
    });
  });

  it('stops waiting for a store call at its deadline, and the call ending later is logged, never unhandled', async () => {
    // A budget shorter than one attempt: the deadline, not the client, must end the wait. Timers
    // fire in order, so this holds however loaded the machine is.
    const skill = skillOn(proxy.endpoint, DYNAMO_REQUEST_TIMEOUT_MS / 3);
    proxy.setMode('slow', { then: 'drop' });
    const userId = `amzn1.ask.account.DEADLINE-${kind}`;
    const started = await skill.send(audioEvent('PlaybackStarted', tokenFor('rest'), 0, { userId, timestamp: at(40) }));
    expect(directivesOf(started)).toEqual([]);
    const launched = await skill.send(launch({ userId, timestamp: at(41) }));
    expect(segmentOfToken(playOf(launched)?.token ?? '')).toBe(firstSegment(catalog));
    const failures = skill.logs.filter((entry) => entry.level === 'warn').map((entry) => [entry.message, entry.fields?.error]);
    expect(failures).toEqual([
      ['progress write failed', expect.stringContaining('StoreDeadlineError')],
      ['listener read failed; carrying on without it', expect.stringContaining('StoreDeadlineError')],
    ]);

    await skill.settled();
    proxy.setMode('pass');
    await proxy.release();
    skill.close();
    const late = skill.logs.filter((entry) => entry.message === 'store call settled after its deadline').map((entry) => entry.fields);
    expect(late).toHaveLength(2);
    expect(late).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'saveProgress', outcome: 'rejected' }),
        expect.objectContaining({ method: 'load', outcome: 'rejected' }),
      ]),
    );
    expect(proxy.seen).toBe(2 * DYNAMO_MAX_ATTEMPTS);
    expect(watch.reasons).toEqual([]);
  });

  describe('once DynamoDB is back', () => {
    const event = (userId: string, type: 'PlaybackStarted' | 'PlaybackStopped', segmentId: string, offsetMs: number, minute: number) =>
      audioEvent(type, tokenFor(segmentId), offsetMs, { userId, timestamp: at(minute) });
    const progressOf = async (userId: string) => (await stored.load(listenerKey(launch({ userId }))))?.progress;
    const expected = (segmentId: string, offsetMs: number, minute: number, type: 'PlaybackStarted' | 'PlaybackStopped') => ({
      variant: 'standard',
      segmentId,
      offsetMs,
      state: type === 'PlaybackStarted' ? 'playing' : 'paused',
      nonce: 'tonight1',
      seq: eventOrder(at(minute), type),
    });

    it('the newest progress wins: an older event arriving after a newer one changes nothing', async () => {
      const userId = `amzn1.ask.account.BACK-${kind}`;
      const skill = skillOn(proxy.endpoint);
      proxy.setMode('internal');
      await skill.send(event(userId, 'PlaybackStopped', 'softening', 30_000, 20));
      proxy.setMode('pass');
      await skill.send(event(userId, 'PlaybackStarted', 'limbs', 0, 24));
      await skill.send(event(userId, 'PlaybackStopped', 'softening', 90_000, 22));
      // The event whose write failed during the fault, delivered again: older, so refused too.
      await skill.send(event(userId, 'PlaybackStopped', 'softening', 30_000, 20));
      await skill.settled();
      skill.close();
      expect(await progressOf(userId)).toEqual(expected('limbs', 0, 24, 'PlaybackStarted'));
      expect(skill.logs.filter((entry) => entry.message === 'older event ignored')).toHaveLength(2);
      expect(watch.reasons).toEqual([]);
    });

    it('a write held up in a slow spell that lands after a newer one does not overwrite it', async () => {
      const userId = `amzn1.ask.account.LATE-${kind}`;
      const skill = skillOn(proxy.endpoint);
      proxy.setMode('slow', { then: 'forward' });
      const paused = await skill.send(event(userId, 'PlaybackStopped', 'body-scan', 90_000, 30));
      expect(directivesOf(paused)).toEqual([]);
      await skill.settled();
      // The client gave up on every attempt; each is still on its way to DynamoDB.
      expect(proxy.held).toBe(DYNAMO_MAX_ATTEMPTS);

      proxy.setMode('pass');
      await skill.send(event(userId, 'PlaybackStarted', 'limbs', 0, 31));
      await skill.settled();
      proxy.reset();
      await proxy.release();
      expect(proxy.forwarded).toBe(DYNAMO_MAX_ATTEMPTS);
      skill.close();
      expect(await progressOf(userId)).toEqual(expected('limbs', 0, 31, 'PlaybackStarted'));
      expect(watch.reasons).toEqual([]);
    });
  });
});

it("lets both of a client's attempts, and the backoff between them, fit inside the store budget", () => {
  // Otherwise the retry would only ever start after the skill had stopped waiting for it.
  const longestBackoffMs = 50;
  expect(DYNAMO_MAX_ATTEMPTS * DYNAMO_REQUEST_TIMEOUT_MS + longestBackoffMs).toBeLessThan(DEFAULT_STORE_BUDGET_MS);
});
