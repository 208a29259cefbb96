/**
 * Help and Fallback as certification hears them (test cases 4.12 and 4.13): each ends with a
 * question and carries a reprompt, by day and at night (then in fewer words, softly), and teaches
 * what to say once Spine Nidra is open rather than one-shots. The harness also runs every answer
 * through the rule check, which flags an open session without a reprompt or a question.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { createHarness, type Harness } from '../support/harness';
import { startFakeAlexaApi, type FakeAlexaApi } from '../support/fake-alexa-api';
import { intent, speechOf } from '../../testkit/envelopes';

/** 2026-11-24 at this hour in New York (UTC-5). */
const newYork = (hour: number) => Date.UTC(2026, 10, 24, hour + 5, 0);
const words = (ssml: string | undefined) => (ssml ?? '').replace(/<[^>]*>/g, '').trim();
const repromptOf = (response: ResponseEnvelope) => (response.response.reprompt?.outputSpeech as { ssml?: string } | undefined)?.ssml;
const wordCount = (ssml: string | undefined) => words(ssml).split(/\s+/).length;

describe('Help and Fallback ask, by day and at night', () => {
  let harness: Harness;
  let api: FakeAlexaApi;
  const send = (request: RequestEnvelope) => harness.send(api.aim(request));

  beforeAll(async () => {
    api = await startFakeAlexaApi();
    api.zone = 'America/New_York';
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    harness = await createHarness();
  });

  const cases: Array<[string, string, RegExp]> = [
    ['Help', 'AMAZON.HelpIntent', /This is Spine Nidra/],
    ['Fallback', 'AMAZON.FallbackIntent', /did not catch|missed/],
    ['a stray yes', 'AMAZON.YesIntent', /did not catch|missed/],
  ];

  describe.each([
    ['in the day', 15, false],
    ['at night', 23, true],
    ['in the small hours', 3, true],
  ])('%s', (_when, hour, night) => {
    beforeEach(() => {
      harness.clock.ms = newYork(hour);
    });

    it.each(cases)('%s ends with a question, keeps the session open and carries a reprompt', async (_label, name, expected) => {
      const answer = await send(intent(name));
      expect(words(speechOf(answer))).toMatch(expected);
      expect(words(speechOf(answer))).toMatch(/\?$/);
      expect(answer.response.shouldEndSession).toBe(false);
      expect(words(repromptOf(answer)).length).toBeGreaterThan(0);
      expect(words(repromptOf(answer))).toMatch(/\?$/);
      const soft = /^<speak><prosody volume="soft" rate="92%">/;
      expect([soft.test(speechOf(answer) ?? ''), soft.test(repromptOf(answer) ?? '')]).toEqual([night, night]);
    });
  });

  it('teaches the open-first path: phrases said inside the skill, never "Alexa, ask Spine Nidra to"', async () => {
    harness.clock.ms = newYork(15);
    const help = words(speechOf(await send(intent('AMAZON.HelpIntent'))));
    expect(help).toMatch(/start the practice/);
    expect(help).toMatch(/go to the body scan/);
    expect(help).toMatch(/my sankalpa is/);
    expect(help).toMatch(/make it shorter/);
    expect(help).not.toMatch(/ask Spine Nidra/i);
  });

  it('says less at night: shorter Help, Fallback and reprompts than by day', async () => {
    const measure = async (hour: number, name: string) => {
      harness.clock.ms = newYork(hour);
      const answer = await send(intent(name));
      return { speech: wordCount(speechOf(answer)), reprompt: wordCount(repromptOf(answer)) };
    };
    for (const name of ['AMAZON.HelpIntent', 'AMAZON.FallbackIntent']) {
      const [day, night] = [await measure(15, name), await measure(23, name)];
      expect(night.speech).toBeLessThan(day.speech);
      expect(night.reprompt).toBeLessThan(day.reprompt);
      expect(night.reprompt).toBeLessThanOrEqual(5);
    }
  });
});
