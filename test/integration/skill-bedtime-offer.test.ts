/**
 * The once-only bedtime reminder offer, end to end: the real skill and store, and Alexa's REST API
 * faked only at the HTTP boundary by a local server that the request envelopes point at. The
 * reminder is what a locale without Alexa's pre-built routines gets (Japanese here); elsewhere the
 * routine is offered instead (skill-routine-offer.test.ts).
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { REMINDERS_SCOPE } from '../../lambda/alexa/reminders';
import { startFakeAlexaApi, unreachableEndpoint, type FakeAlexaApi } from '../support/fake-alexa-api';
import { createHarness, type Harness } from '../support/harness';
import { segmentOfToken, tokenFields } from '../../testkit/tokens';
import { intent, launch, type EnvelopeOptions, playOf, speechOf } from '../../testkit/envelopes';

const USER = 'amzn1.ask.account.LISTENER-ONE';
const LOCALE = 'ja-JP';
const ACCESS_TOKEN = 'alexa-api-access-token-for-tests';
const iso = (ms: number) => new Date(ms).toISOString();

describe('the bedtime reminder offer', () => {
  let harness: Harness;
  let api: FakeAlexaApi;
  let endpoint: string;
  let granted: boolean;

  /** Any request, from a locale without routines, pointed at the fake API, with or without the reminders grant. */
  const viaApi = (envelope: RequestEnvelope): RequestEnvelope => {
    (envelope.request as { locale?: string }).locale = LOCALE;
    const system = envelope.context.System as unknown as Record<string, any>;
    system.apiEndpoint = endpoint;
    system.apiAccessToken = ACCESS_TOKEN;
    if (granted) system.user.permissions = { scopes: { [REMINDERS_SCOPE]: { status: 'GRANTED' } } };
    return envelope;
  };
  const at = (extra: EnvelopeOptions = {}): EnvelopeOptions => ({ timestamp: iso(harness.clock.ms), ...extra });
  const startLaunch = () => harness.send(viaApi(launch(at())));
  const answer = (name: string, asked: ResponseEnvelope) =>
    harness.send(viaApi(intent(name, at({ session: { new: false, attributes: asked.sessionAttributes ?? {} } }))));

  /** Alexa's answer to the AskFor, in a fresh session: only the token carries the dialog. */
  const permissionAnswer = (token: string, status: string, extra: { code?: string; isCardThrown?: boolean } = {}) => {
    const envelope = viaApi(launch(at()));
    (envelope as unknown as { request: unknown }).request = {
      type: 'Connections.Response',
      requestId: 'amzn1.echo-api.request.connections',
      timestamp: iso(harness.clock.ms),
      locale: LOCALE,
      name: 'AskFor',
      status: { code: extra.code ?? '200', message: 'OK' },
      token,
      payload: { permissionScope: REMINDERS_SCOPE, status, isCardThrown: extra.isCardThrown ?? false },
    };
    return harness.send(envelope);
  };

  const sendRequestOf = (response: ResponseEnvelope) =>
    (response.response.directives ?? []).find((d) => d.type === 'Connections.SendRequest') as
      | { name: string; token: string; payload: Record<string, string> }
      | undefined;
  const storedOffer = async () => (await harness.store.load(harness.keyOf(USER)))?.bedtimeOffer;

  /** Begun yesterday at 21:33 and the day before at 19:00 New York time, and finished once. */
  const seedCompletedPractice = async () => {
    const key = harness.keyOf(USER);
    const starts = [Date.parse('2026-11-23T00:00:00Z'), Date.parse('2026-11-24T02:33:00Z')];
    for (const [index, startMs] of starts.entries()) {
      await harness.store.saveProgress(
        key,
        { variant: 'standard', segmentId: 'arrival', offsetMs: 0, state: 'playing', nonce: `nstart0${index}`, seq: startMs * 10 + 4 },
        { countStart: true, startedAtSec: startMs / 1_000 },
      );
    }
    const finishedMs = starts[1] + 31 * 60_000;
    await harness.store.saveProgress(
      key,
      { variant: 'standard', segmentId: 'return', offsetMs: 0, state: 'completed', nonce: 'nstart01', seq: finishedMs * 10 + 3 },
      { completedAt: iso(finishedMs) },
    );
  };

  const expectPracticeBegins = (response: ResponseEnvelope) => {
    const play = playOf(response);
    expect(play?.behavior).toBe('REPLACE_ALL');
    expect(segmentOfToken(play?.token ?? '')).toBe('arrival');
    expect(play?.offsetInMilliseconds).toBe(0);
    expect(response.response.shouldEndSession).toBe(true);
  };

  /** The next launch plays at once, with no question. */
  const expectNotAskedAgain = async () => {
    harness.clock.ms += 86_400_000;
    const again = await startLaunch();
    expect(speechOf(again)).not.toMatch(/reminder/);
    expectPracticeBegins(again);
  };

  beforeEach(async () => {
    harness = await createHarness();
    api = await startFakeAlexaApi();
    endpoint = api.endpoint;
    granted = false;
  });
  afterEach(() => api.close());

  it('is not made before a whole practice has been completed: the practice simply begins', async () => {
    const response = await startLaunch();
    expect(speechOf(response)).toMatch(/Welcome to Spine Nidra/);
    expect(speechOf(response)).not.toMatch(/reminder/);
    expectPracticeBegins(response);
    expect(await storedOffer()).toBeUndefined();
  });

  it('after a completed practice, asks once, at the time they last began, and plays nothing until they answer', async () => {
    await seedCompletedPractice();
    const asked = await startLaunch();
    expect(speechOf(asked)).toContain('You finished the whole practice last time.');
    expect(speechOf(asked)).toContain('Would you like a reminder every day at 9:35 in the evening, to practise?');
    expect(asked.response.shouldEndSession).toBe(false);
    expect(playOf(asked)).toBeUndefined();
    expect(asked.sessionAttributes?.dialog).toEqual({ kind: 'bedtime-offer', offer: { hour: 21, minute: 35, zone: 'America/New_York' } });
    // Recorded as soon as it is asked, so even an unanswered question is never repeated.
    expect(await storedOffer()).toMatchObject({ answer: 'unanswered' });
    await expectNotAskedAgain();
  });

  it('no is recorded, the practice begins, and the next launch plays straight away', async () => {
    await seedCompletedPractice();
    const declined = await answer('AMAZON.NoIntent', await startLaunch());
    expect(speechOf(declined)).toContain('All right, no reminder. Settle in, and we will begin.');
    expectPracticeBegins(declined);
    expect(api.reminders).toEqual([]);
    expect(await storedOffer()).toEqual({ at: iso(harness.clock.ms), answer: 'declined' });
    await expectNotAskedAgain();
  });

  it('the practice after the answer carries the sankalpa clip and chosen variant, as launch plays them', async () => {
    await seedCompletedPractice();
    const key = harness.keyOf(USER);
    await harness.store.setSankalpa(key, { text: 'My spine is supple', setAt: iso(harness.clock.ms), clipKey: '0123456789abcdef' });
    await harness.store.setPreferences(key, { length: 'short' });
    const declined = await answer('AMAZON.NoIntent', await startLaunch());
    harness.clock.ms += 86_400_000;
    const launched = await startLaunch();
    const { variant, clip } = tokenFields(playOf(declined)?.token);
    expect(clip).toBe('0123456789abcdef');
    expect(variant).toBe(tokenFields(playOf(launched)?.token).variant);
    expect(variant).toBe('short');
  });

  it('yes with the permission granted creates exactly one daily reminder at that local time and zone, then plays', async () => {
    granted = true;
    await seedCompletedPractice();
    const accepted = await answer('AMAZON.YesIntent', await startLaunch());
    expect(api.reminders).toHaveLength(1);
    const [{ authorization, body }] = api.reminders;
    expect(authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(body).toEqual({
      requestTime: '2026-11-24T16:30:00.000',
      trigger: {
        type: 'SCHEDULED_ABSOLUTE',
        scheduledTime: '2026-11-24T21:35:00.000',
        timeZoneId: 'America/New_York',
        recurrence: { freq: 'DAILY' },
      },
      alertInfo: { spokenInfo: { content: [{ locale: LOCALE, text: 'Time for Spine Nidra. Say: Alexa, start Spine Nidra.' }] } },
      pushNotification: { status: 'ENABLED' },
    });
    expect(speechOf(accepted)).toContain('Done. I will remind you every day at 9:35 in the evening. Settle in, and we will begin.');
    expectPracticeBegins(accepted);
    expect(await storedOffer()).toMatchObject({ answer: 'accepted' });
    await expectNotAskedAgain();
    expect(api.reminders).toHaveLength(1);
  });

  it('a reminder time already past today first rings tomorrow, in the device zone', async () => {
    granted = true;
    api.zone = 'Europe/London';
    await seedCompletedPractice();
    const asked = await startLaunch();
    expect(speechOf(asked)).toContain('every day at 2:35 at night');
    await answer('AMAZON.YesIntent', asked);
    expect(api.reminders[0].body.trigger).toMatchObject({ scheduledTime: '2026-11-25T02:35:00.000', timeZoneId: 'Europe/London' });
  });

  it('yes without the permission hands over to Alexa with no player directive; ACCEPTED then creates it and plays', async () => {
    await seedCompletedPractice();
    const handedOver = await answer('AMAZON.YesIntent', await startLaunch());
    expect(handedOver.response.directives?.map((d) => d.type)).toEqual(['Connections.SendRequest']);
    const request = sendRequestOf(handedOver);
    expect(request).toMatchObject({
      name: 'AskFor',
      payload: { '@type': 'AskForPermissionsConsentRequest', '@version': '1', permissionScope: REMINDERS_SCOPE },
    });
    expect(handedOver.response.reprompt).toBeUndefined();
    expect(handedOver.response.outputSpeech).toBeUndefined();
    expect(api.reminders).toEqual([]);

    granted = true;
    const created = await permissionAnswer(request?.token ?? '', 'ACCEPTED');
    expect(api.reminders).toHaveLength(1);
    expect(api.reminders[0].body.trigger).toMatchObject({ scheduledTime: '2026-11-24T21:35:00.000', timeZoneId: 'America/New_York' });
    expect(speechOf(created)).toContain('Done. I will remind you every day at 9:35 in the evening.');
    expectPracticeBegins(created);
    expect(await storedOffer()).toMatchObject({ answer: 'accepted' });
    await expectNotAskedAgain();
  });

  it('DENIED plays with a calm line and a consent card, and is recorded as no permission', async () => {
    await seedCompletedPractice();
    const handedOver = await answer('AMAZON.YesIntent', await startLaunch());
    const denied = await permissionAnswer(sendRequestOf(handedOver)?.token ?? '', 'DENIED');
    expect(speechOf(denied)).toContain('All right, no reminder for now.');
    expect(denied.response.card).toEqual({ type: 'AskForPermissionsConsent', permissions: [REMINDERS_SCOPE] });
    expectPracticeBegins(denied);
    expect(api.reminders).toEqual([]);
    expect(await storedOffer()).toMatchObject({ answer: 'no-permission' });
    await expectNotAskedAgain();
  });

  it('NOT_ANSWERED, with a card Alexa already sent, plays with a calm line and no second card', async () => {
    await seedCompletedPractice();
    const handedOver = await answer('AMAZON.YesIntent', await startLaunch());
    const silent = await permissionAnswer(sendRequestOf(handedOver)?.token ?? '', 'NOT_ANSWERED', { isCardThrown: true });
    expect(speechOf(silent)).toContain('All right, no reminder for now. Settle in');
    expect(silent.response.card).toBeUndefined();
    expectPracticeBegins(silent);
    expect(await storedOffer()).toMatchObject({ answer: 'unanswered' });
  });

  it('a permission request Alexa could not carry out gives a calm line and plays', async () => {
    await seedCompletedPractice();
    const handedOver = await answer('AMAZON.YesIntent', await startLaunch());
    const failed = await permissionAnswer(sendRequestOf(handedOver)?.token ?? '', 'NOT_ANSWERED', { code: '500' });
    expect(speechOf(failed)).toContain('I could not set the reminder just now');
    expectPracticeBegins(failed);
    expect(await storedOffer()).toMatchObject({ answer: 'failed' });
  });

  it.each([401, 403])('%i from the Reminders API counts as no permission: Alexa is asked, and a second refusal plays on', async (status) => {
    granted = true;
    api.reminderStatus = status;
    await seedCompletedPractice();
    const handedOver = await answer('AMAZON.YesIntent', await startLaunch());
    expect(handedOver.response.directives?.map((d) => d.type)).toEqual(['Connections.SendRequest']);
    const refused = await permissionAnswer(sendRequestOf(handedOver)?.token ?? '', 'ACCEPTED');
    expect(api.reminders).toHaveLength(2);
    expect(speechOf(refused)).toContain('All right, no reminder for now.');
    expect(refused.response.card).toEqual({ type: 'AskForPermissionsConsent', permissions: [REMINDERS_SCOPE] });
    expectPracticeBegins(refused);
    expect(await storedOffer()).toMatchObject({ answer: 'no-permission' });
  });

  it('a 500 from the Reminders API gives a calm line and the practice still begins', async () => {
    granted = true;
    api.reminderStatus = 500;
    await seedCompletedPractice();
    const failed = await answer('AMAZON.YesIntent', await startLaunch());
    expect(api.reminders).toHaveLength(1);
    expect(speechOf(failed)).toContain('I could not set the reminder just now, so there is none. Settle in, and we will begin.');
    expectPracticeBegins(failed);
    expect(await storedOffer()).toMatchObject({ answer: 'failed' });
    await expectNotAskedAgain();
  });

  it('an unreachable Alexa API still offers a time (in UTC, for a locale without a main zone) and, on yes, plays after a calm line', async () => {
    granted = true;
    endpoint = await unreachableEndpoint();
    await seedCompletedPractice();
    const asked = await startLaunch();
    // The last start, 02:33 UTC, to the nearest five minutes.
    expect(speechOf(asked)).toContain('every day at 2:35 at night');
    const failed = await answer('AMAZON.YesIntent', asked);
    expect(speechOf(failed)).toContain('I could not set the reminder just now');
    expectPracticeBegins(failed);
    expect(await storedOffer()).toMatchObject({ answer: 'failed' });
  });

  it('an unexpected Connections.Response never crashes the skill: the practice begins', async () => {
    const envelope = viaApi(launch(at()));
    (envelope as unknown as { request: unknown }).request = {
      type: 'Connections.Response',
      requestId: 'amzn1.echo-api.request.unexpected',
      timestamp: iso(harness.clock.ms),
      locale: LOCALE,
      name: 'Upsell',
      status: { code: '200', message: 'OK' },
      token: 'not-ours',
      payload: { purchaseResult: 'DECLINED' },
    };
    const response = await harness.send(envelope);
    expect(speechOf(response)).toContain('Welcome back to Spine Nidra.');
    expectPracticeBegins(response);
    expect(harness.logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('logs neither the user id nor the Alexa access token', async () => {
    granted = true;
    api.reminderStatus = 500;
    await seedCompletedPractice();
    await answer('AMAZON.YesIntent', await startLaunch());
    const logged = JSON.stringify(harness.logs);
    expect(logged).toContain('bedtime reminder not created');
    expect(logged).not.toContain(USER);
    expect(logged).not.toContain(ACCESS_TOKEN);
    expect(logged).not.toContain('America/New_York');
  });
});
