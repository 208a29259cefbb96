import { eventOrder } from '../../lambda/playback/progress';
import { createWireStore } from '../../lambda/store/wire';
import { createHarness, type Harness } from '../support/harness';
import { segmentOfToken } from '../../testkit/tokens';
import { intent, launch, playOf, speechOf } from '../../testkit/envelopes';

const iso = (ms: number) => new Date(ms).toISOString();

describe('launch', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await createHarness();
  });

  it('a new listener hears one calm sentence and the practice starts at the arrival', async () => {
    const response = await harness.send(launch({ userId: 'amzn1.ask.account.FIRST-TIMER' }));
    expect(speechOf(response)).toMatch(/Welcome to Spine Nidra\./);
    expect(speechOf(response)?.split('. ').length).toBeLessThanOrEqual(2);
    const play = playOf(response);
    expect(play?.behavior).toBe('REPLACE_ALL');
    expect(play?.offsetInMilliseconds).toBe(0);
    expect(segmentOfToken(play?.token ?? '')).toBe('arrival');
    expect(play?.url).toMatch(/\/arrival\.[0-9a-f]+\.mp3$/);
    expect(response.response.shouldEndSession).toBe(true);
  });

  describe('a returning listener who stopped in the spine rotation', () => {
    const userId = 'amzn1.ask.account.RETURNING';
    beforeEach(async () => {
      await harness.store.saveProgress(harness.keyOf(userId), {
        variant: 'standard',
        segmentId: 'spine-rotation-lumbar',
        offsetMs: 70_000,
        state: 'paused',
        nonce: 'yesterday',
        seq: eventOrder(iso(harness.clock.ms - 20 * 3_600_000), 'PlaybackStopped') as number,
      });
    });

    it('is offered to continue the part they were in, and nothing plays until they answer', async () => {
      const response = await harness.send(launch({ userId }));
      expect(speechOf(response)).toMatch(/Welcome back.*the lower back.*continue/);
      expect(response.response.reprompt).toBeDefined();
      expect(response.response.shouldEndSession).toBe(false);
      expect(playOf(response)).toBeUndefined();
      expect(response.sessionAttributes?.dialog).toMatchObject({ kind: 'resume-offer', place: { segmentId: 'spine-rotation-lumbar', offsetMs: 0 } });
    });

    it.each(['AMAZON.YesIntent', 'AMAZON.ResumeIntent'])('%s continues from the start of that part (paused hours ago)', async (name) => {
      const offered = await harness.send(launch({ userId }));
      const response = await harness.send(intent(name, { userId, session: { new: false, attributes: offered.sessionAttributes } }));
      const play = playOf(response);
      expect(segmentOfToken(play?.token ?? '')).toBe('spine-rotation-lumbar');
      expect(play?.offsetInMilliseconds).toBe(0);
      expect(speechOf(response)).toMatch(/Continuing with the lower back/);
      expect(response.response.shouldEndSession).toBe(true);
    });

    it.each(['AMAZON.NoIntent', 'AMAZON.StartOverIntent'])('%s starts over from the arrival', async (name) => {
      const offered = await harness.send(launch({ userId }));
      const response = await harness.send(intent(name, { userId, session: { new: false, attributes: offered.sessionAttributes } }));
      expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('arrival');
      expect(playOf(response)?.offsetInMilliseconds).toBe(0);
    });
  });

  it('a listener who finished last time simply begins again', async () => {
    const userId = 'amzn1.ask.account.FINISHED';
    await harness.store.saveProgress(harness.keyOf(userId), {
      variant: 'standard',
      segmentId: 'return',
      offsetMs: 90_000,
      state: 'completed',
      nonce: 'lastnight',
      seq: eventOrder(iso(harness.clock.ms - 86_400_000), 'PlaybackFinished') as number,
    });
    const response = await harness.send(launch({ userId }));
    expect(speechOf(response)).toMatch(/Welcome back/);
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('arrival');
  });

  it.each(['StartPracticeIntent', 'AMAZON.StartOverIntent'])('%s begins the practice from the top', async (name) => {
    const response = await harness.send(intent(name));
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('arrival');
    expect(playOf(response)?.behavior).toBe('REPLACE_ALL');
  });

  it('refuses a request meant for another skill', async () => {
    await expect(harness.send(launch({ skillId: 'amzn1.ask.skill.someone-else' }))).rejects.toThrow(/skill/i);
  });

  it('still starts the practice when DynamoDB is unreachable', async () => {
    // The Lambda's own client pointed at a loopback port nobody listens on.
    const broken = await createHarness({ store: createWireStore({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }, 'listeners') });
    const response = await broken.send(launch());
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('arrival');
    expect(broken.logs.some((entry) => entry.level === 'warn')).toBe(true);
  });
});
