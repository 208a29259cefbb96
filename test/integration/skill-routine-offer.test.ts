/**
 * The once-only routine offer, end to end: after a whole practice, a launch hands over to Alexa's
 * AMAZON.OfferAutomation with a daily routine that runs the StartPractice task, and Alexa's answer
 * (a SessionResumedRequest) is met calmly with the practice, whatever it was. The real skill and
 * store; Alexa's REST API faked at the HTTP boundary (it must never be asked for a reminder).
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { envelope, type EnvelopeOptions, launch, playOf, SKILL_ID, speechOf } from '../../testkit/envelopes';
import { segmentOfToken } from '../../testkit/tokens';
import { startFakeAlexaApi, type FakeAlexaApi } from '../support/fake-alexa-api';
import { createHarness, type Harness } from '../support/harness';

const USER = 'amzn1.ask.account.LISTENER-ONE';
const iso = (ms: number) => new Date(ms).toISOString();
const TOKEN = 'bedtime-routine|21|35|America/New_York';

let harness: Harness;
let api: FakeAlexaApi;

beforeEach(async () => {
  harness = await createHarness();
  api = await startFakeAlexaApi();
});
afterEach(() => api.close());

const viaApi = (request: RequestEnvelope): RequestEnvelope => {
  const system = request.context.System as unknown as Record<string, unknown>;
  system.apiEndpoint = api.endpoint;
  system.apiAccessToken = 'alexa-api-access-token-for-tests';
  return request;
};
const at = (extra: EnvelopeOptions = {}): EnvelopeOptions => ({ userId: USER, timestamp: iso(harness.clock.ms), ...extra });
const startLaunch = () => harness.send(viaApi(launch(at())));
const storedOffer = async () => (await harness.store.load(harness.keyOf(USER)))?.bedtimeOffer;

/** Alexa's answer to the offer: the session resumed, with the cause it reports. */
const resumed = (cause: Record<string, unknown>) =>
  harness.send(
    viaApi(
      envelope(
        { type: 'SessionResumedRequest', cause: { type: 'ConnectionCompleted', token: TOKEN, ...cause } },
        at({ session: { new: false, attributes: {} } }),
        true,
      ),
    ),
  );

/** Begun yesterday at 21:33 New York time (the fake API's zone), and finished. */
async function seedCompletedPractice() {
  const key = harness.keyOf(USER);
  const startMs = Date.parse('2026-11-24T02:33:00Z');
  await harness.store.saveProgress(
    key,
    { variant: 'standard', segmentId: 'arrival', offsetMs: 0, state: 'playing', nonce: 'nstart01', seq: startMs * 10 + 4 },
    { countStart: true, startedAtSec: startMs / 1_000 },
  );
  const finishedMs = startMs + 31 * 60_000;
  await harness.store.saveProgress(
    key,
    { variant: 'standard', segmentId: 'return', offsetMs: 0, state: 'completed', nonce: 'nstart01', seq: finishedMs * 10 + 3 },
    { completedAt: iso(finishedMs) },
  );
}

const expectPracticeBegins = (response: ResponseEnvelope) => {
  expect(playOf(response)).toMatchObject({ behavior: 'REPLACE_ALL', offsetInMilliseconds: 0 });
  expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('arrival');
  expect(response.response.shouldEndSession).toBe(true);
};

/** A day later the launch just plays: no routine, no reminder, no question. */
const expectNothingOfferedAgain = async () => {
  harness.clock.ms += 86_400_000;
  const again = await startLaunch();
  expect(again.response.directives?.map((directive) => directive.type)).toEqual(['AudioPlayer.Play']);
  expect(speechOf(again)).not.toMatch(/routine|reminder/);
  expectPracticeBegins(again);
};

describe('the routine offer', () => {
  it('after a whole practice: one short sentence, then Alexa offers a daily routine at their usual time that starts the practice', async () => {
    await seedCompletedPractice();
    const offer = await startLaunch();
    expect(speechOf(offer)).toContain('You finished the whole practice last time, so Alexa can start it for you each day.');
    expect(offer.response.directives).toEqual([
      {
        type: 'Connections.StartConnection',
        uri: 'connection://AMAZON.OfferAutomation/1',
        onCompletion: 'RESUME_SESSION',
        token: TOKEN,
        input: {
          automation: {
            trigger: {
              type: 'Alexa.Automation.Trigger.Schedule.AbsoluteTime',
              version: '1.0',
              payload: { schedule: { triggerTime: '213500', timeZoneId: 'America/New_York', recurrence: 'RRULE:FREQ=DAILY;INTERVAL=1' } },
            },
            operations: {
              serial: [
                {
                  operation: {
                    type: 'Alexa.Automation.Operation.Skill.StartConnection',
                    version: '1.0',
                    operationId: 'StartPractice_213500',
                    payload: { connectionRequest: { uri: `connection://${SKILL_ID}.StartPractice/1?provider=${SKILL_ID}`, input: {} } },
                  },
                },
              ],
            },
          },
          renderingData: { operations: { StartPractice_213500: { descriptionPrompt: 'Start Spine Nidra' } } },
        },
      },
    ]);
    // Alexa holds the session for its own question: no reprompt, no audio, no end.
    expect(offer.response.reprompt).toBeUndefined();
    expect(offer.response.shouldEndSession).toBeUndefined();
    expect(offer.sessionAttributes?.dialog).toBeUndefined();
    expect(await storedOffer()).toEqual({ at: iso(harness.clock.ms), answer: 'unanswered', via: 'routine' });
    // Never both: no reminder question, and the Reminders API is never touched.
    expect(speechOf(offer)).not.toMatch(/reminder/);
    expect(api.reminders).toEqual([]);
  });

  it.each([
    [
      'created (200)',
      { status: { code: '200', message: 'OK' } },
      'Done. Spine Nidra will start by itself every day at 9:35 in the evening.',
      'accepted',
    ],
    [
      'declined (204, REJECTED_BY_CUSTOMER)',
      { status: { code: '204', message: 'No Content' }, result: { offerAutomationResponse: { reason: 'REJECTED_BY_CUSTOMER' } } },
      'All right, no routine.',
      'declined',
    ],
    [
      'already there (204, AUTOMATION_ALREADY_ENABLED)',
      { status: { code: 204, message: 'No Content' }, result: { offerAutomationResponse: { reason: 'AUTOMATION_ALREADY_ENABLED' } } },
      'You already have a routine for it.',
      'already-enabled',
    ],
    ['an error (500)', { status: { code: '500', message: 'Internal error' } }, 'I could not set up the routine just now', 'failed'],
    [
      'an error (400, no result)',
      { status: { code: '400', message: 'Bad request' }, result: null },
      'I could not set up the routine just now',
      'failed',
    ],
    [
      'a 204 with a reason not known',
      { status: { code: '204' }, result: { offerAutomationResponse: { reason: 'SOMETHING_NEW' } } },
      'I could not set up',
      'failed',
    ],
  ])('%s: a calm line, the practice begins, the answer is kept, and nothing is offered again', async (_label, cause, line, answer) => {
    await seedCompletedPractice();
    await startLaunch();
    const response = await resumed(cause);
    expect(speechOf(response)).toContain(line);
    expect(speechOf(response)).toContain('Settle in, and we will begin.');
    expectPracticeBegins(response);
    expect(await storedOffer()).toEqual({ at: iso(harness.clock.ms), answer, via: 'routine' });
    expect(harness.logs.filter((entry) => entry.level === 'error')).toEqual([]);
    await expectNothingOfferedAgain();
  });

  it('on a device that cannot play (no AudioPlayer), the reminder question stands in: never both', async () => {
    await seedCompletedPractice();
    const asked = await harness.send(viaApi(launch(at({ supportedInterfaces: {} }))));
    expect(asked.response.directives ?? []).toEqual([]);
    expect(speechOf(asked)).toContain('Would you like a reminder every day at 9:35 in the evening');
    expect(await storedOffer()).toEqual({ at: iso(harness.clock.ms), answer: 'unanswered' });
  });

  it('a resumed session that is not the offer (another token) begins the practice and records nothing', async () => {
    const response = await resumed({ token: 'someone-elses', status: { code: '200' } });
    expectPracticeBegins(response);
    expect(await storedOffer()).toBeUndefined();
  });

  it('logs neither the user id, the zone, nor the token', async () => {
    await seedCompletedPractice();
    await startLaunch();
    await resumed({ status: { code: '500' } });
    const logged = JSON.stringify(harness.logs);
    expect(logged).toContain('routine offer answered');
    expect(logged).not.toContain(USER);
    expect(logged).not.toContain('America/New_York');
  });
});
