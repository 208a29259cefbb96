/**
 * Preferences by voice: each is confirmed in a sentence, stored, and picks the matching variant of
 * the rendered practice; the ending follows the device's clock unless chosen; at night Alexa is
 * soft and asks nothing it need not, in few words. Alexa's Settings API is faked at the HTTP boundary.
 */
import type { RequestEnvelope } from 'ask-sdk-model';
import { encodeToken } from '../../lambda/playback/token';
import { createHarness, type Harness } from '../support/harness';
import { segmentOfToken, tokenFields } from '../../testkit/tokens';
import { startFakeAlexaApi, type FakeAlexaApi } from '../support/fake-alexa-api';
import { audioEvent, intent, launch, sectionSlot, type DevicePlayer, playOf, speechOf } from '../../testkit/envelopes';

const USER = 'amzn1.ask.account.LISTENER-ONE';
const variantOf = (token: string) => tokenFields(token).variant;
/** 2026-11-24 at this hour in New York (UTC-5). */
const newYork = (hour: number, minute = 0) => Date.UTC(2026, 10, 24, hour + 5, minute);

describe('preferences by voice', () => {
  let harness: Harness;
  let api: FakeAlexaApi;
  const send = (request: RequestEnvelope) => harness.send(api.aim(request));
  const stored = async (userId = USER) => (await harness.store.load(harness.keyOf(userId)))?.preferences;
  const at = (ms: number) => ({ timestamp: new Date(ms).toISOString() });

  beforeAll(async () => {
    api = await startFakeAlexaApi();
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    harness = await createHarness();
    harness.clock.ms = newYork(15);
    api.zone = 'America/New_York';
  });

  it.each([
    ['GentleStartIntent', { gentle: true }, 'starts gently, with no tensing', 'gentle'],
    ['NatureSoundsOffIntent', { nature: false }, 'Nature sounds off', 'standard-plain'],
    ['ShortPracticeIntent', { length: 'short' }, 'the short practice, about 1', 'short'],
    ['BedtimeEndingIntent', { ending: 'bedtime' }, 'the bedtime ending', 'bedtime'],
    ['RestLongerIntent', { restful: true }, 'rest longer', 'restful'],
  ])('%s is confirmed in one sentence, stored, plays nothing, and the next practice is %s', async (name, preferences, speech, variant) => {
    const answer = await send(intent(name, { ...at(harness.clock.ms) }));
    expect(speechOf(answer)).toContain(speech);
    expect(speechOf(answer)?.match(/[.!?]/g)?.length).toBeLessThanOrEqual(2);
    expect(playOf(answer)).toBeUndefined();
    expect(answer.response.reprompt).toBeUndefined();
    expect(await stored()).toEqual(preferences);
    const next = await send(launch({ ...at(harness.clock.ms) }));
    expect(variantOf(playOf(next)?.token as string)).toBe(variant);
  });

  it('undoing a preference leaves nothing stored, and settings read back what is chosen', async () => {
    await send(intent('NatureSoundsOffIntent'));
    await send(intent('GentleStartIntent'));
    await send(intent('ShortPracticeIntent'));
    const settings = speechOf(await send(intent('SettingsIntent')));
    expect(settings).toContain('the short practice, a gentle start, no nature sounds, and the ending chosen by the time');
    expect(settings).toMatch(/Tonight that is about 1\d minutes/);
    await send(intent('NatureSoundsOnIntent'));
    await send(intent('TensionReleaseIntent'));
    await send(intent('FullPracticeIntent'));
    expect(await stored()).toEqual({});
    expect(speechOf(await send(intent('SettingsIntent')))).toContain(
      'the full practice, tension and release, nature sounds, and the ending chosen by the time',
    );
  });

  it('every combination plays its own rendered variant', async () => {
    const cases: Array<[string[], string]> = [
      [['ShortPracticeIntent', 'GentleStartIntent', 'BedtimeEndingIntent'], 'short-gentle-bedtime'],
      [['GentleStartIntent', 'RestLongerIntent', 'NatureSoundsOffIntent'], 'gentle-restful-plain'],
      [['DaytimeEndingIntent', 'NatureSoundsOffIntent'], 'standard-plain'],
      [['ShortPracticeIntent', 'RestLongerIntent', 'BedtimeEndingIntent', 'NatureSoundsOffIntent'], 'short-restful-bedtime-plain'],
    ];
    for (const [index, [intents, variant]] of cases.entries()) {
      const userId = `amzn1.ask.account.COMBO-${index}`;
      for (const name of intents) await send(intent(name, { userId }));
      const play = playOf(await send(launch({ userId })));
      expect(variantOf(play?.token as string)).toBe(variant);
      expect(play?.url).toContain(variant.endsWith('-plain') ? '-plain.' : 'arrival.');
      expect(harness.catalog.variants[variant]).toBeDefined();
    }
  });

  it('the ending follows the device clock unless the listener chose one', async () => {
    harness.clock.ms = newYork(21, 30);
    expect(variantOf(playOf(await send(launch({ userId: 'amzn1.ask.account.EVENING' })))?.token as string)).toBe('bedtime');
    expect(api.timeZoneCalls).toBeGreaterThan(0);
    harness.clock.ms = newYork(10);
    expect(variantOf(playOf(await send(launch({ userId: 'amzn1.ask.account.MORNING' })))?.token as string)).toBe('standard');
    // 21:30 in New York is 02:30 in London: still the bedtime ending there.
    api.zone = 'Europe/London';
    harness.clock.ms = newYork(21, 30);
    expect(variantOf(playOf(await send(launch({ userId: 'amzn1.ask.account.LONDON' })))?.token as string)).toBe('bedtime');
    // Chosen: the daytime ending even at night.
    api.zone = 'America/New_York';
    await send(intent('DaytimeEndingIntent', { userId: 'amzn1.ask.account.CHOSE' }));
    expect(variantOf(playOf(await send(launch({ userId: 'amzn1.ask.account.CHOSE' })))?.token as string)).toBe('standard');
  });

  it("without the Settings API, the locale's time zone decides", async () => {
    api.zone = 403;
    harness.clock.ms = newYork(22);
    const play = playOf(await send(launch({ userId: 'amzn1.ask.account.NO-SETTINGS' })));
    expect(variantOf(play?.token as string)).toBe('bedtime');
  });

  it('a change while the practice plays carries on in place, in the new variant when it plays the same part', async () => {
    const token = encodeToken(harness.catalog, { variant: 'standard', segmentId: 'body-scan', nonce: 'abcd1234', attempt: 0, clip: '' });
    const player: DevicePlayer = { token, offsetInMilliseconds: 42_000, playerActivity: 'PLAYING' };
    const plain = await send(intent('NatureSoundsOffIntent', { player }));
    expect(speechOf(plain)).toContain('Nature sounds off');
    expect(playOf(plain)).toMatchObject({ behavior: 'REPLACE_ALL', offsetInMilliseconds: 42_000 });
    expect(variantOf(playOf(plain)?.token as string)).toBe('standard-plain');
    expect(segmentOfToken(playOf(plain)?.token as string)).toBe('body-scan');
    // The short practice has no body scan: this practice goes on as it was, the next one is short.
    const short = await send(intent('ShortPracticeIntent', { player }));
    expect(speechOf(short)).toContain('That starts with your next practice.');
    expect(variantOf(playOf(short)?.token as string)).toBe('standard');
  });

  it('no to "continue where you left off?" starts over with the listener\'s own variant', async () => {
    await send(intent('ShortPracticeIntent'));
    const key = harness.keyOf(USER);
    await harness.store.saveProgress(key, {
      variant: 'short',
      segmentId: 'spine-rotation-thoracic',
      offsetMs: 60_000,
      state: 'paused',
      nonce: 'abcd1234',
      seq: (harness.clock.ms - 3_600_000) * 10 + 1,
    });
    const offer = await send(launch());
    expect(speechOf(offer)).toContain('Would you like to continue');
    const fresh = await send(intent('AMAZON.NoIntent', { session: { new: false, attributes: offer.sessionAttributes ?? {} } }));
    expect(variantOf(playOf(fresh)?.token as string)).toBe('short');
    expect(segmentOfToken(playOf(fresh)?.token as string)).toBe('arrival');
  });

  it('starting by "skip to", "resume" or "next" with nothing playing plays the listener\'s own variant', async () => {
    await send(intent('NatureSoundsOffIntent'));
    const skip = playOf(await send(intent('SkipToSectionIntent', { slots: sectionSlot('body scan', 'body-scan') })));
    expect(variantOf(skip?.token as string)).toBe('standard-plain');
    expect(segmentOfToken(skip?.token as string)).toBe('body-scan');
    expect(variantOf(playOf(await send(intent('AMAZON.ResumeIntent')))?.token as string)).toBe('standard-plain');
    expect(variantOf(playOf(await send(intent('AMAZON.NextIntent')))?.token as string)).toBe('standard-plain');
    // The short practice has no body scan: the skip lands in the full practice, still without the bed.
    await send(intent('ShortPracticeIntent'));
    const short = playOf(await send(intent('SkipToSectionIntent', { slots: sectionSlot('body scan', 'body-scan') })));
    expect(variantOf(short?.token as string)).toBe('standard-plain');
    expect(variantOf(playOf(await send(intent('AMAZON.ResumeIntent')))?.token as string)).toBe('short-plain');
  });

  it('"rest longer" during the practice queues the longer rest after the rest', async () => {
    const token = encodeToken(harness.catalog, { variant: 'standard', segmentId: 'crown-breath', nonce: 'abcd1234', attempt: 0, clip: '' });
    const answer = await send(intent('RestLongerIntent', { player: { token, offsetInMilliseconds: 5_000, playerActivity: 'PLAYING' } }));
    const play = playOf(answer);
    expect(variantOf(play?.token as string)).toBe('restful');
    expect(harness.catalog.variants.restful.indexOf('rest-longer')).toBe(harness.catalog.variants.restful.indexOf('rest') + 1);
  });

  describe('at night', () => {
    beforeEach(() => {
      harness.clock.ms = newYork(23);
    });

    it('speaks softly, its reprompt too', async () => {
      const help = await send(intent('AMAZON.HelpIntent'));
      expect(speechOf(help)).toMatch(/^<speak><prosody volume="soft" rate="92%">.*<\/prosody><\/speak>$/);
      expect(help.response.reprompt?.outputSpeech).toMatchObject({
        ssml: expect.stringMatching(/^<speak><prosody volume="soft" rate="92%">.*<\/prosody><\/speak>$/),
      });
      harness.clock.ms = newYork(15);
      const day = await send(intent('AMAZON.HelpIntent'));
      expect(speechOf(day)).not.toContain('prosody');
      expect(day.response.reprompt).toBeDefined();
    });

    const seedFinished = (userId: string) =>
      harness.store.saveProgress(
        harness.keyOf(userId),
        {
          variant: 'standard',
          segmentId: 'return',
          offsetMs: 80_000,
          state: 'completed',
          nonce: 'abcd1234',
          seq: (harness.clock.ms - 86_400_000) * 10 + 3,
        },
        { completedAt: new Date(harness.clock.ms - 86_400_000).toISOString() },
      );

    it('keeps the reprompt of the once-only reminder question (a locale without routines), which would otherwise be lost', async () => {
      const userId = 'amzn1.ask.account.NIGHT-OFFER';
      await seedFinished(userId);
      const offer = await send(launch({ userId, locale: 'ja-JP' }));
      expect(offer.sessionAttributes?.dialog).toMatchObject({ kind: 'bedtime-offer' });
      expect(speechOf(offer)).toContain('prosody');
      expect(offer.response.reprompt).toBeDefined();
    });

    it('offers the routine in one short sentence in the night voice, then Alexa asks', async () => {
      const userId = 'amzn1.ask.account.NIGHT-ROUTINE';
      await seedFinished(userId);
      const offer = await send(launch({ userId }));
      expect(offer.response.directives?.map((directive) => directive.type)).toEqual(['Connections.StartConnection']);
      const spoken = (speechOf(offer) ?? '').replace(/<[^>]+>/g, '');
      expect(spoken.split(/[.!?](\s|$)/).filter((part) => part.trim().length > 1)).toHaveLength(1);
      expect(speechOf(offer)).toMatch(/^<speak><prosody volume="soft" rate="92%">/);
      expect(offer.response.reprompt).toBeUndefined();
    });

    it('a returning listener is simply carried on, not asked whether to continue', async () => {
      const key = harness.keyOf(USER);
      await harness.store.saveProgress(key, {
        variant: 'bedtime',
        segmentId: 'limbs',
        offsetMs: 60_000,
        state: 'paused',
        nonce: 'abcd1234',
        seq: (harness.clock.ms - 600_000) * 10 + 1,
      });
      const answer = await send(launch());
      expect(speechOf(answer)).toContain('Continuing with');
      expect(answer.response.shouldEndSession).toBe(true);
      expect(playOf(answer)).toMatchObject({ offsetInMilliseconds: 50_000 });
      expect(segmentOfToken(playOf(answer)?.token as string)).toBe('limbs');
    });
  });
});

describe('practice stats', () => {
  let harness: Harness;
  let api: FakeAlexaApi;
  beforeAll(async () => {
    api = await startFakeAlexaApi();
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    harness = await createHarness();
  });

  it('count started and completed practices and the streak of days, a late-night practice counting for its evening', async () => {
    const userId = 'amzn1.ask.account.STATS';
    const order = harness.catalog.variants.standard;
    const tokenAt = (segmentId: string, nonce: string) =>
      encodeToken(harness.catalog, { variant: 'standard', segmentId, nonce, attempt: 0, clip: '' });
    // In New York: Nov 21 at 21:00, Nov 22 at 21:30, and 00:30 after Nov 23's evening (which counts for Nov 23).
    const starts = [Date.UTC(2026, 10, 22, 2, 0), Date.UTC(2026, 10, 23, 2, 30), Date.UTC(2026, 10, 24, 5, 30)];
    for (const [index, ms] of starts.entries()) {
      await harness.send(audioEvent('PlaybackStarted', tokenAt(order[0], `night${index}00`), 0, { userId, timestamp: new Date(ms).toISOString() }));
    }
    const last = order[order.length - 1];
    await harness.send(
      audioEvent('PlaybackFinished', tokenAt(last, 'night200'), 60_000, { userId, timestamp: new Date(starts[2] + 1_900_000).toISOString() }),
    );
    harness.clock.ms = newYork(20);
    const answer = speechOf(await harness.send(api.aim(intent('PracticeStatsIntent', { userId }))));
    expect(answer).toContain('You have practised 3 times, and completed the whole practice once.');
    expect(answer).toContain('You have practised 3 days in a row.');
    // A day without practice breaks the streak.
    harness.clock.ms = newYork(20) + 2 * 86_400_000;
    expect(speechOf(await harness.send(api.aim(intent('PracticeStatsIntent', { userId }))))).not.toContain('in a row');
  });

  it('a first-timer hears how to begin', async () => {
    const answer = speechOf(await harness.send(api.aim(intent('PracticeStatsIntent', { userId: 'amzn1.ask.account.NEW' }))));
    expect(answer).toContain('You have not practised yet');
  });
});
