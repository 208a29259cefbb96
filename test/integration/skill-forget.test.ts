import type { RequestEnvelope } from 'ask-sdk-model';
import { encodeToken } from '../../lambda/playback/token';
import { createHarness, type Harness } from '../support/harness';
import { audioEvent, intent, launch, system, type DevicePlayer, playOf, speechOf } from '../../testkit/envelopes';

const USER = 'amzn1.ask.account.LISTENER-ONE';
const OTHER = 'amzn1.ask.account.LISTENER-TWO';
const iso = (ms: number) => new Date(ms).toISOString();

describe('forgetting a listener', () => {
  let harness: Harness;
  let session: Record<string, unknown> | undefined;
  const say = async (
    build: (options: { session: { new: boolean; attributes: Record<string, unknown> }; timestamp: string; player?: DevicePlayer }) => RequestEnvelope,
    player?: DevicePlayer,
  ) => {
    const response = await harness.send(build({ session: { new: !session, attributes: session ?? {} }, timestamp: iso(harness.clock.ms), player }));
    session = response.response.shouldEndSession === false ? response.sessionAttributes : undefined;
    return response;
  };

  /** A listener mid-practice, with a sankalpa and a completed practice behind them. */
  const seedListener = async (userId = USER) => {
    const key = harness.keyOf(userId);
    await harness.store.setSankalpa(key, { text: 'My spine is supple', setAt: iso(harness.clock.ms) });
    await harness.store.saveProgress(
      key,
      {
        variant: 'standard',
        segmentId: 'body-scan',
        offsetMs: 90_000,
        state: 'paused',
        nonce: 'nold0001',
        seq: (harness.clock.ms - 60_000) * 10 + 1,
      },
      { countStart: true, completedAt: iso(harness.clock.ms - 86_400_000) },
    );
    return key;
  };

  let bodyScanToken: string;
  let playing: DevicePlayer;

  beforeEach(async () => {
    harness = await createHarness();
    session = undefined;
    bodyScanToken = encodeToken(harness.catalog, { variant: 'standard', segmentId: 'body-scan', nonce: 'nold0001', attempt: 0, clip: '' });
    playing = { token: bodyScanToken, offsetInMilliseconds: 95_000, playerActivity: 'PLAYING' };
  });

  it('"forget me" asks first and erases nothing until the listener says yes', async () => {
    const key = await seedListener();
    harness.calls.length = 0;
    const asked = await say((o) => intent('ForgetMeIntent', o));
    expect(speechOf(asked)).toContain('This will erase everything Spine Nidra keeps for you');
    expect(asked.response.shouldEndSession).toBe(false);
    expect(harness.calls).toEqual([]);
    expect((await harness.store.load(key))?.sankalpa?.text).toBe('My spine is supple');
  });

  it('yes erases progress, sankalpa and counts, and plays nothing after', async () => {
    const key = await seedListener();
    const otherKey = await seedListener(OTHER);
    await say((o) => intent('ForgetMeIntent', o));
    const done = await say((o) => intent('AMAZON.YesIntent', o));
    expect(speechOf(done)).toContain('Everything Spine Nidra kept for you is erased');
    expect(done.response.shouldEndSession).toBe(true);
    expect(playOf(done)).toBeUndefined();
    expect(await harness.store.load(key)).toEqual({ startedCount: 0, completedCount: 0, erased: true });
    // Only the speaker's own item.
    expect((await harness.store.load(otherKey))?.sankalpa?.text).toBe('My spine is supple');
  });

  it('an event from before the erasure that arrives late cannot bring the progress back', async () => {
    const key = await seedListener();
    const pausedAt = harness.clock.ms - 5_000;
    harness.clock.ms += 2_000;
    await say((o) => intent('ForgetMeIntent', o));
    await say((o) => intent('AMAZON.YesIntent', o));
    await harness.send(audioEvent('PlaybackStopped', bodyScanToken, 95_000, { timestamp: iso(pausedAt) }));
    expect((await harness.store.load(key))?.progress).toBeUndefined();

    // A practice begun afterwards is remembered again as usual.
    harness.clock.ms += 60_000;
    const started = await harness.send(launch({ timestamp: iso(harness.clock.ms) }));
    const token = playOf(started)?.token as string;
    await harness.send(audioEvent('PlaybackStarted', token, 0, { timestamp: iso(harness.clock.ms + 1_000) }));
    expect((await harness.store.load(key))?.progress).toMatchObject({ segmentId: 'arrival', state: 'playing' });
  });

  it("what is saved after an erasure is kept for good: the erasure marker's expiry goes with the first write", async () => {
    const key = await seedListener();
    await say((o) => intent('ForgetMeIntent', o));
    await say((o) => intent('AMAZON.YesIntent', o));
    expect((await harness.store.load(key))?.erased).toBe(true);
    // An erased listener is welcomed as new, not carried on from the Echo's old place.
    const welcome = await harness.send(launch({ timestamp: iso(harness.clock.ms), player: { ...playing, playerActivity: 'STOPPED' } }));
    expect(speechOf(welcome)).toContain('Welcome to Spine Nidra');
    expect(playOf(welcome)).toMatchObject({ offsetInMilliseconds: 0 });
    await say((o) => intent('ShortPracticeIntent', o));
    const stored = await harness.store.load(key);
    expect(stored?.preferences).toEqual({ length: 'short' });
    expect(stored?.erased).toBeUndefined();
  });

  it('no keeps everything and carries on with the practice that was playing', async () => {
    const key = await seedListener();
    await say((o) => intent('ForgetMeIntent', o), playing);
    const kept = await say((o) => intent('AMAZON.NoIntent', o), { ...playing, playerActivity: 'STOPPED' });
    expect(speechOf(kept)).toContain('Nothing was erased');
    expect(playOf(kept)).toMatchObject({ behavior: 'REPLACE_ALL', offsetInMilliseconds: 95_000 });
    expect((await harness.store.load(key))?.sankalpa?.text).toBe('My spine is supple');
  });

  it('a store that fails says so calmly, without claiming what it cannot know', async () => {
    harness = await createHarness();
    const key = await seedListener();
    const broken = await createHarness({
      store: { ...harness.store, forget: async () => Promise.reject(new Error('DynamoDB unavailable')) },
    });
    const asked = await broken.send(intent('ForgetMeIntent', { timestamp: iso(broken.clock.ms) }));
    const failed = await broken.send(intent('AMAZON.YesIntent', { session: { new: false, attributes: asked.sessionAttributes ?? {} } }));
    expect(speechOf(failed)).toContain('I could not make sure your data was erased.');
    expect((await harness.store.load(key))?.sankalpa?.text).toBe('My spine is supple');
  });

  it('the skill-disabled event erases the listener and answers with nothing to say', async () => {
    const key = await seedListener();
    const event = system('AlexaSkillEvent.SkillDisabled', {
      eventCreationTime: iso(harness.clock.ms),
      eventPublishingTime: iso(harness.clock.ms),
      body: { userId: USER, userInformationPersistenceStatus: 'NOT_PERSISTED' },
    });
    const answer = await harness.send(event);
    expect(answer.response.outputSpeech).toBeUndefined();
    expect(answer.response.directives).toBeUndefined();
    expect(await harness.store.load(key)).toEqual({ startedCount: 0, completedCount: 0, erased: true });
    expect(JSON.stringify(harness.logs)).not.toContain(USER);
  });

  it('a skill-disabled event that carries the user only in its body still finds them', async () => {
    const key = await seedListener();
    const event = system('AlexaSkillEvent.SkillDisabled', { body: { userId: USER, userInformationPersistenceStatus: 'PERSISTED' } });
    delete (event.context.System as { user?: unknown }).user;
    await harness.send(event);
    expect((await harness.store.load(key))?.sankalpa).toBeUndefined();
  });
});
