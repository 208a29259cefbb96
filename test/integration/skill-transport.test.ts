import { eventOrder } from '../../lambda/playback/progress';
import { RESUME_REWIND_MS } from '../../lambda/playback/progress';
import { encodeToken } from '../../lambda/playback/token';
import { createHarness, type Harness } from '../support/harness';
import { segmentOfToken } from '../../testkit/tokens';
import { audioEvent, controller, intent, system, playOf, speechOf } from '../../testkit/envelopes';

describe('pause, resume, stop and questions during playback', () => {
  let harness: Harness;
  const tokenFor = (segmentId: string, nonce = 'tonight1') =>
    encodeToken(harness.catalog, { variant: 'standard', segmentId, nonce, attempt: 0, clip: '' });
  const player = (segmentId: string, offsetInMilliseconds: number, playerActivity = 'PLAYING') => ({
    token: tokenFor(segmentId),
    offsetInMilliseconds,
    playerActivity,
  });
  beforeEach(async () => {
    harness = await createHarness();
  });

  it.each([
    ['"Alexa, pause" (also what "Alexa, stop" arrives as)', () => intent('AMAZON.PauseIntent', { player: player('limbs', 1000) })],
    ['the Pause button', () => controller('Pause', { player: player('limbs', 1000) })],
  ])('%s stops the device without speaking or writing', async (_label, request) => {
    harness.calls.length = 0;
    const response = await harness.send(request());
    expect(response.response.directives).toEqual([{ type: 'AudioPlayer.Stop' }]);
    expect(response.response.outputSpeech).toBeUndefined();
    expect(harness.calls).toEqual([]);
  });

  it('resume on the same device, minutes later: the exact place, rewound a little', async () => {
    const iso = new Date(harness.clock.ms).toISOString();
    await harness.send(audioEvent('PlaybackStopped', tokenFor('limbs'), 130_000, { timestamp: iso }));
    harness.clock.ms += 4 * 60_000;
    const response = await harness.send(intent('AMAZON.ResumeIntent', { player: player('limbs', 130_000, 'STOPPED') }));
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('limbs');
    expect(playOf(response)?.offsetInMilliseconds).toBe(130_000 - RESUME_REWIND_MS);
    expect(response.response.outputSpeech).toBeUndefined();
  });

  it('resume on a device whose last session is older than the stored one follows the store', async () => {
    await harness.store.saveProgress(harness.keyOf(), {
      variant: 'standard',
      segmentId: 'rest',
      offsetMs: 30_000,
      state: 'paused',
      nonce: 'otherecho',
      seq: eventOrder(new Date(harness.clock.ms - 60_000).toISOString(), 'PlaybackStopped') as number,
    });
    const response = await harness.send(intent('AMAZON.ResumeIntent', { player: player('arrival', 10_000, 'STOPPED') }));
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('rest');
    expect(playOf(response)?.offsetInMilliseconds).toBe(20_000);
  });

  it('the Play button resumes with directives only', async () => {
    const response = await harness.send(controller('Play', { player: player('crown-breath', 25_000, 'STOPPED') }));
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('crown-breath');
    expect(response.response.outputSpeech).toBeUndefined();
  });

  it('resume with nothing to resume begins the practice, and says so, after a single read', async () => {
    harness.calls.length = 0;
    const response = await harness.send(intent('AMAZON.ResumeIntent', { userId: 'amzn1.ask.account.BRAND-NEW' }));
    expect(harness.calls).toHaveLength(1);
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('arrival');
    expect(speechOf(response)).toMatch(/begin/);
  });

  it.each(['AMAZON.StopIntent', 'AMAZON.CancelIntent'])('%s stops and says goodbye', async (name) => {
    const response = await harness.send(intent(name, { player: player('rest', 5_000) }));
    expect(response.response.directives).toEqual([{ type: 'AudioPlayer.Stop' }]);
    expect(speechOf(response)).toMatch(/Rest well/);
    expect(response.response.shouldEndSession).toBe(true);
  });

  it('"how much time is left" names the part and minutes, then playback continues from where it was', async () => {
    const response = await harness.send(intent('TimeLeftIntent', { player: player('spine-breath', 30_000) }));
    expect(speechOf(response)).toMatch(/You are in breath along the spine\. About \d+ minutes remain\./i);
    const play = playOf(response);
    expect(play?.behavior).toBe('REPLACE_ALL');
    expect(segmentOfToken(play?.token ?? '')).toBe('spine-breath');
    expect(play?.offsetInMilliseconds).toBe(30_000);
  });

  it('"how much time is left" while paused answers from the stored place and does not start playing', async () => {
    await harness.store.saveProgress(harness.keyOf(), {
      variant: 'standard',
      segmentId: 'body-scan',
      offsetMs: 0,
      state: 'paused',
      nonce: 'earlier1',
      seq: harness.clock.ms * 10,
    });
    const response = await harness.send(intent('TimeLeftIntent'));
    expect(speechOf(response)).toMatch(/You paused in the body scan, with about \d+ minutes to go/);
    expect(playOf(response)).toBeUndefined();
  });

  it.each(['AMAZON.LoopOnIntent', 'AMAZON.LoopOffIntent', 'AMAZON.ShuffleOnIntent', 'AMAZON.ShuffleOffIntent'])(
    '%s is answered gracefully and the practice carries on',
    async (name) => {
      const response = await harness.send(intent(name, { player: player('limbs', 50_000) }));
      expect(speechOf(response)).toMatch(/in its own order/);
      expect(playOf(response)?.offsetInMilliseconds).toBe(50_000);
    },
  );

  it.each([
    ['AMAZON.HelpIntent', /go to the body scan/],
    ['AMAZON.FallbackIntent', /did not catch/],
    ['AMAZON.YesIntent', /did not catch/],
  ])('%s outside playback explains and keeps listening', async (name, expected) => {
    const response = await harness.send(intent(name));
    expect(speechOf(response)).toMatch(expected);
    expect(response.response.reprompt).toBeDefined();
  });

  it('NavigateHome and SessionEnded end quietly; ExceptionEncountered is logged, not spoken', async () => {
    expect((await harness.send(intent('AMAZON.NavigateHomeIntent'))).response.outputSpeech).toBeUndefined();
    expect((await harness.send(system('SessionEndedRequest', { reason: 'USER_INITIATED' }))).response).toEqual({});
    const exception = await harness.send(
      system('System.ExceptionEncountered', { error: { type: 'INVALID_RESPONSE', message: 'bad' }, cause: { requestId: 'x' } }),
    );
    expect(exception.response).toEqual({});
    expect(harness.logs.some((entry) => entry.message.includes('exception'))).toBe(true);
  });
});
