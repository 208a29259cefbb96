/**
 * Sleep sounds after the practice: chosen by voice, chained from the tokens alone (no database call
 * per item), ending in a fade; stopping them is a pause that is never saved as practice progress.
 */
import type { Catalog } from '../../lambda/playback/catalog';
import { encodeToken, type PlaybackState } from '../../lambda/playback/token';
import { audioEvent, intent, launch, playOf, speechOf } from '../../testkit/envelopes';
import { tokenFields } from '../../testkit/tokens';
import { testCatalog } from '../support/catalog';
import { createHarness, type Harness } from '../support/harness';

const LOOP_MS = 10 * 60_000;
const catalog: Catalog = {
  ...testCatalog(),
  sleepSounds: {
    rise: { file: 'sleep-sounds-rise.0123456789.mp3', durationMs: LOOP_MS },
    loop: { file: 'sleep-sounds.0123456789.mp3', durationMs: LOOP_MS },
    fade: { file: 'sleep-sounds-fade.0123456789.mp3', durationMs: LOOP_MS },
  },
};
const duration = (spoken: string, id: string) => ({
  duration: {
    name: 'duration',
    value: spoken,
    confirmationStatus: 'NONE',
    resolutions: {
      resolutionsPerAuthority: [{ authority: 'x.SLEEP_DURATION', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: spoken, id } }] }],
    },
  },
});

let harness: Harness;
const at = (minutes: number) => new Date(Date.parse('2026-11-24T21:00:00Z') + minutes * 60_000).toISOString();
const stored = async () => harness.store.load(harness.keyOf());

beforeEach(async () => {
  harness = await createHarness({ catalog });
  harness.clock.ms = Date.parse('2026-11-25T06:00:00Z');
});

describe('the preference by voice', () => {
  it('is confirmed in one sentence, remembered, and read back in the settings', async () => {
    const on = await harness.send(intent('SleepSoundsIntent'));
    expect(speechOf(on)).toContain('the forest sounds will carry on for an hour');
    expect((await stored())?.preferences).toEqual({ sleepMinutes: 60 });
    const longer = await harness.send(intent('SleepSoundsIntent', { slots: duration('two hours', '120') }));
    expect(speechOf(longer)).toContain('for two hours');
    expect(speechOf(await harness.send(intent('SettingsIntent')))).toContain('sleep sounds for two hours after it');
    const off = await harness.send(intent('NoSleepSoundsIntent'));
    expect(speechOf(off)).toContain('No sleep sounds');
    expect((await stored())?.preferences).toEqual({});
  });

  it('with the nature sounds off, says how to hear them, and the practice carries none', async () => {
    await harness.send(intent('NatureSoundsOffIntent'));
    expect(speechOf(await harness.send(intent('SleepSoundsIntent')))).toContain('turn on the nature sounds');
    const token = playOf(await harness.send(launch()))?.token;
    expect(tokenFields(token).sleep).toBeUndefined();
  });
});

describe('after the practice', () => {
  /** The practice's last item, as the Echo reports it. */
  const lastItem = (sleep: number): PlaybackState => {
    const order = catalog.variants.standard;
    return { variant: 'standard', segmentId: order[order.length - 1], nonce: 'night001', attempt: 0, clip: '', sleep };
  };

  it.each([
    [30, 1],
    [60, 4],
    [120, 10],
    [180, 16],
  ])('%i minutes: the forest bed rises, carries on for %i loops, then fades, every item from the token alone', async (minutes, loops) => {
    let token = encodeToken(catalog, lastItem(minutes));
    const chain: string[] = [];
    for (let step = 0; step < 30; step += 1) {
      harness.calls.length = 0;
      const nearly = await harness.send(audioEvent('PlaybackNearlyFinished', token, 1_000, { timestamp: at(step) }));
      const next = playOf(nearly);
      if (!next) break;
      expect(next.behavior).toBe('ENQUEUE');
      expect(next.expectedPreviousToken).toBe(token);
      await harness.send(audioEvent('PlaybackStarted', next.token, 0, { timestamp: at(step) }));
      await harness.send(audioEvent('PlaybackFinished', next.token, LOOP_MS, { timestamp: at(step) }));
      expect(harness.calls).toEqual([]);
      chain.push(next.url.split('/').pop() as string);
      token = next.token;
    }
    expect(chain).toEqual([
      'sleep-sounds-rise.0123456789.mp3',
      ...Array(loops).fill('sleep-sounds.0123456789.mp3'),
      'sleep-sounds-fade.0123456789.mp3',
    ]);
    // Every file counts toward the chosen time: ten minutes each, exactly the time chosen.
    expect(chain.length * 10).toBe(minutes);
  });

  it('the practice counts as completed when it ends, not when the sounds do', async () => {
    await harness.send(intent('SleepSoundsIntent'));
    const first = playOf(await harness.send(launch()));
    expect(tokenFields(first?.token).sleep).toBe(60);
    const last = encodeToken(catalog, { ...lastItem(60), nonce: tokenFields(first?.token).nonce });
    await harness.send(audioEvent('PlaybackFinished', last, 60_000, { timestamp: at(40) }));
    const sounds = playOf(await harness.send(audioEvent('PlaybackNearlyFinished', last, 50_000, { timestamp: at(40) })));
    await harness.send(audioEvent('PlaybackFinished', sounds?.token as string, LOOP_MS, { timestamp: at(50) }));
    expect(await stored()).toMatchObject({ completedCount: 1, progress: { state: 'completed', segmentId: lastItem(60).segmentId } });
  });

  it('"stop" during the sounds ends them like a pause, saves nothing, and the next launch plays the practice, not the sounds', async () => {
    await harness.send(intent('SleepSoundsIntent'));
    const last = encodeToken(catalog, lastItem(60));
    await harness.send(audioEvent('PlaybackFinished', last, 60_000, { timestamp: at(40) }));
    const before = await stored();
    const sounds = playOf(await harness.send(audioEvent('PlaybackNearlyFinished', last, 50_000, { timestamp: at(40) })))?.token as string;
    const player = { token: sounds, offsetInMilliseconds: 120_000, playerActivity: 'PLAYING' };
    const paused = await harness.send(intent('AMAZON.PauseIntent', { player }));
    expect(paused.response.directives).toEqual([{ type: 'AudioPlayer.Stop' }]);
    harness.calls.length = 0;
    await harness.send(audioEvent('PlaybackStopped', sounds, 120_000, { timestamp: at(52) }));
    expect(harness.calls).toEqual([]);
    expect((await stored())?.progress).toEqual(before?.progress);
    // (The once-only reminder question was answered long ago.)
    await harness.store.recordBedtimeOffer(harness.keyOf(), { at: at(-1440), answer: 'declined' });
    const next = await harness.send(launch({ player: { ...player, playerActivity: 'STOPPED' } }));
    expect(tokenFields(playOf(next)?.token).segmentId).toBe(catalog.variants.standard[0]);
  });

  it('"how much time is left" during the sounds says the practice is over, and the sounds carry on', async () => {
    const sounds = encodeToken(catalog, { ...lastItem(50), segmentId: 'sleep-sounds' });
    const answer = await harness.send(
      intent('TimeLeftIntent', { player: { token: sounds, offsetInMilliseconds: 90_000, playerActivity: 'PLAYING' } }),
    );
    expect(speechOf(answer)).toContain('The practice is over');
    expect(tokenFields(playOf(answer)?.token)).toMatchObject({ segmentId: 'sleep-sounds', sleep: 50 });
  });

  it('"resume" right after pausing the sounds carries them on where they were', async () => {
    const sounds = encodeToken(catalog, { ...lastItem(50), segmentId: 'sleep-sounds' });
    const resumed = playOf(
      await harness.send(intent('AMAZON.ResumeIntent', { player: { token: sounds, offsetInMilliseconds: 90_000, playerActivity: 'STOPPED' } })),
    );
    expect(resumed).toMatchObject({ offsetInMilliseconds: 90_000 });
    expect(tokenFields(resumed?.token)).toMatchObject({ segmentId: 'sleep-sounds', sleep: 50 });
  });
});
