import { spineNidra } from '../../models/spine-nidra';
import { EXACT_RESUME_WINDOW_MS, RESUME_REWIND_MS } from '../../lambda/playback/progress';
import { createHarness, type Harness } from '../support/harness';
import { segmentOfToken, tokenFields } from '../../testkit/tokens';
import { walkPractice } from '../support/walk';
import { audioEvent, controller, intent, playOf } from '../../testkit/envelopes';

const iso = (ms: number) => new Date(ms).toISOString();

describe('a whole practice, start to finish', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });

  it('plays every section in order with chained ENQUEUE tokens, and records the completion', async () => {
    const userId = 'amzn1.ask.account.WHOLE-PRACTICE';
    const { tokens, callsPerEvent } = await walkPractice(harness, userId);

    const segments = tokens.map(segmentOfToken);
    expect(segments).toEqual(spineNidra.sections.flatMap((section) => section.segments.map((segment) => segment.id)));
    const sectionsHeard = [...new Set(segments.map((id) => harness.catalog.segments[id].sectionId))];
    expect(sectionsHeard).toEqual(spineNidra.sections.map((section) => section.id));
    expect(new Set(tokens.map((token) => tokenFields(token).nonce)).size).toBe(1);

    // The token carries the state: enqueueing needs no database at all.
    expect(callsPerEvent.PlaybackNearlyFinished.every((calls) => calls === 0)).toBe(true);
    expect(callsPerEvent.PlaybackStarted.every((calls) => calls === 1)).toBe(true);
    expect(callsPerEvent.PlaybackFinished.slice(0, -1).every((calls) => calls === 0)).toBe(true);
    expect(callsPerEvent.PlaybackFinished.at(-1)).toBe(1);

    const record = await harness.store.load(harness.keyOf(userId));
    expect(record).toMatchObject({ startedCount: 1, completedCount: 1, progress: { state: 'completed', segmentId: 'return' } });
    expect(record?.lastCompletedAt).toBe(iso(harness.clock.ms));
  });

  it('a late, duplicated Started from the middle of the practice cannot undo the completion', async () => {
    const userId = 'amzn1.ask.account.LATE-EVENT';
    const { tokens } = await walkPractice(harness, userId);
    await harness.send(audioEvent('PlaybackStarted', tokens[5], 0, { userId, timestamp: iso(harness.clock.ms - 600_000) }));
    expect((await harness.store.load(harness.keyOf(userId)))?.progress?.state).toBe('completed');
  });
});

describe('pause in the spine rotation, resume on another Echo', () => {
  let harness: Harness;
  const userId = 'amzn1.ask.account.TWO-ECHOES';
  let thoracicToken: string;

  beforeEach(async () => {
    harness = await createHarness();
    const started = await harness.send(
      intent('SkipToSectionIntent', { userId, deviceId: 'bedroom', slots: { section: { name: 'section', value: 'upper back' } } }),
    );
    thoracicToken = playOf(started)?.token as string;
    expect(segmentOfToken(thoracicToken)).toBe('spine-rotation-thoracic');
    await harness.send(audioEvent('PlaybackStarted', thoracicToken, 0, { userId, deviceId: 'bedroom', timestamp: iso(harness.clock.ms) }));
    harness.clock.ms += 125_000;
    const paused = await harness.send(
      intent('AMAZON.PauseIntent', {
        userId,
        deviceId: 'bedroom',
        player: { token: thoracicToken, offsetInMilliseconds: 125_000, playerActivity: 'PLAYING' },
      }),
    );
    expect(paused.response.directives).toEqual([{ type: 'AudioPlayer.Stop' }]);
    await harness.send(audioEvent('PlaybackStopped', thoracicToken, 125_000, { userId, deviceId: 'bedroom', timestamp: iso(harness.clock.ms) }));
  });

  it('minutes later, "resume" in the living room (no AudioPlayer context) picks up at the offset, rewound ten seconds', async () => {
    harness.clock.ms += 3 * 60_000;
    const response = await harness.send(intent('AMAZON.ResumeIntent', { userId, deviceId: 'living-room' }));
    const play = playOf(response);
    expect(segmentOfToken(play?.token ?? '')).toBe('spine-rotation-thoracic');
    expect(play?.offsetInMilliseconds).toBe(125_000 - RESUME_REWIND_MS);
  });

  it('the next day, the Play button on the other Echo starts the same part from its beginning', async () => {
    harness.clock.ms += EXACT_RESUME_WINDOW_MS + 14 * 3_600_000;
    const response = await harness.send(controller('Play', { userId, deviceId: 'living-room' }));
    const play = playOf(response);
    expect(segmentOfToken(play?.token ?? '')).toBe('spine-rotation-thoracic');
    expect(play?.offsetInMilliseconds).toBe(0);
  });
});
