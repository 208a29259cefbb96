import { encodeToken, type PlaybackState } from '../../lambda/playback/token';
import { createHarness, type Harness } from '../support/harness';
import { segmentOfToken, tokenFields } from '../../testkit/tokens';
import { audioEvent, intent, launch, playOf } from '../../testkit/envelopes';

describe('AudioPlayer events', () => {
  let harness: Harness;
  const state = (segmentId: string, extra: Partial<PlaybackState> = {}): PlaybackState => ({
    variant: 'standard',
    segmentId,
    nonce: 'tonight1',
    attempt: 0,
    clip: '',
    ...extra,
  });
  const tokenFor = (segmentId: string, extra: Partial<PlaybackState> = {}) => encodeToken(harness.catalog, state(segmentId, extra));
  beforeEach(async () => {
    harness = await createHarness();
  });

  it('NearlyFinished enqueues the next segment against the current token, with no DynamoDB call', async () => {
    harness.calls.length = 0;
    const token = tokenFor('body-scan');
    const response = await harness.send(audioEvent('PlaybackNearlyFinished', token, 170_000));
    const play = playOf(response);
    expect(play).toMatchObject({ behavior: 'ENQUEUE', expectedPreviousToken: token, offsetInMilliseconds: 0 });
    expect(segmentOfToken(play?.token ?? '')).toBe('spine-rotation-cervical');
    expect(harness.calls).toEqual([]);
  });

  it('NearlyFinished twice (devices repeat events) answers the same, idempotently', async () => {
    const token = tokenFor('limbs');
    const first = await harness.send(audioEvent('PlaybackNearlyFinished', token, 1000));
    const second = await harness.send(audioEvent('PlaybackNearlyFinished', token, 1200));
    expect(playOf(second)).toEqual(playOf(first));
  });

  it.each(['PlaybackNearlyFinished', 'PlaybackStarted', 'PlaybackStopped', 'PlaybackFinished', 'PlaybackFailed'])(
    '%s with a token the skill did not issue is a quiet no-op',
    async (type) => {
      harness.calls.length = 0;
      const response = await harness.send(audioEvent(type, 'https://evil.example/x.mp3', 5));
      expect(response.response.directives ?? []).toEqual([]);
      expect(harness.calls).toEqual([]);
    },
  );

  it('Stopped saves the offset; an older Started arriving late does not overwrite it', async () => {
    const token = tokenFor('softening');
    await harness.send(audioEvent('PlaybackStopped', token, 61_000, { timestamp: '2026-11-24T22:10:00Z' }));
    await harness.send(audioEvent('PlaybackStarted', token, 0, { timestamp: '2026-11-24T22:09:00Z' }));
    expect((await harness.store.load(harness.keyOf()))?.progress).toMatchObject({ segmentId: 'softening', offsetMs: 61_000, state: 'paused' });
  });

  it('a skip sends Stopped(old) and Started(new) in the same second: the new part wins whatever order they arrive in', async () => {
    const second = '2026-11-24T22:15:00Z';
    await harness.send(audioEvent('PlaybackStarted', tokenFor('rest'), 0, { timestamp: second }));
    await harness.send(audioEvent('PlaybackStopped', tokenFor('limbs'), 80_000, { timestamp: second }));
    expect((await harness.store.load(harness.keyOf()))?.progress?.segmentId).toBe('rest');
  });

  it('Failed retries the same place once, then gives up quietly and remembers where it stopped', async () => {
    const token = tokenFor('spine-breath');
    const failure = (failedToken: string) =>
      audioEvent('PlaybackFailed', failedToken, 0, {
        extra: {
          error: { type: 'MEDIA_ERROR_SERVICE_UNAVAILABLE', message: 'unavailable' },
          currentPlaybackState: { token: failedToken, offsetInMilliseconds: 44_000, playerActivity: 'PLAYING' },
        },
      });
    const retry = await harness.send(failure(token));
    const play = playOf(retry);
    expect(play).toMatchObject({ behavior: 'REPLACE_ALL', offsetInMilliseconds: 44_000 });
    expect(segmentOfToken(play?.token ?? '')).toBe('spine-breath');
    expect(tokenFields(play?.token).attempt).toBe(1);

    const givenUp = await harness.send(failure(play?.token as string));
    expect(givenUp.response.directives ?? []).toEqual([]);
    expect(harness.logs.filter((entry) => entry.message === 'playback failed')).toHaveLength(2);
    expect((await harness.store.load(harness.keyOf()))?.progress).toMatchObject({ segmentId: 'spine-breath', offsetMs: 44_000 });
  });

  it('counts DynamoDB calls per request type', async () => {
    const perType: Record<string, number> = {};
    const measure = async (label: string, request: Parameters<Harness['send']>[0]) => {
      harness.calls.length = 0;
      await harness.send(request);
      perType[label] = harness.calls.length;
    };
    const player = { token: tokenFor('limbs'), offsetInMilliseconds: 9_000, playerActivity: 'PLAYING' };
    await measure('LaunchRequest', launch());
    await measure('PlaybackStarted', audioEvent('PlaybackStarted', tokenFor('arrival'), 0));
    await measure('PlaybackNearlyFinished', audioEvent('PlaybackNearlyFinished', tokenFor('arrival'), 80_000));
    await measure('PlaybackFinished (not last)', audioEvent('PlaybackFinished', tokenFor('arrival'), 90_000));
    await measure('PlaybackStopped', audioEvent('PlaybackStopped', tokenFor('arrival'), 40_000));
    await measure('PauseIntent', intent('AMAZON.PauseIntent', { player }));
    await measure('ResumeIntent', intent('AMAZON.ResumeIntent', { player }));
    await measure('SkipToSectionIntent (playing)', intent('SkipToSectionIntent', { player, slots: { section: { name: 'section', value: 'rest' } } }));
    await measure('NextIntent (playing)', intent('AMAZON.NextIntent', { player }));
    await measure('TimeLeftIntent (playing)', intent('TimeLeftIntent', { player }));
    expect(perType).toEqual({
      LaunchRequest: 1,
      PlaybackStarted: 1,
      PlaybackNearlyFinished: 0,
      'PlaybackFinished (not last)': 0,
      PlaybackStopped: 1,
      PauseIntent: 0,
      ResumeIntent: 1,
      'SkipToSectionIntent (playing)': 0,
      'NextIntent (playing)': 0,
      'TimeLeftIntent (playing)': 0,
    });
  });
});
