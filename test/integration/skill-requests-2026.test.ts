/**
 * What a 2026 Echo sends beyond the classic flows: button presses with tokens the skill cannot
 * read, devices without AudioPlayer, CanFulfillIntentRequest, events the skill does not subscribe
 * to, "open Spine Nidra" while the practice plays, and Alexa+'s out-of-context built-ins.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { say } from '../../lambda/core/speech';
import { encodeToken } from '../../lambda/playback/token';
import { controller, envelope, intent, launch, playOf, sectionSlot, speechOf, type DevicePlayer } from '../../testkit/envelopes';
import { segmentOfToken } from '../../testkit/tokens';
import { createHarness, type Harness } from '../support/harness';

let harness: Harness;
beforeEach(async () => {
  harness = await createHarness();
});

const tokenAt = (segmentId: string) => encodeToken(harness.catalog, { variant: 'standard', segmentId, nonce: 'tonight1', attempt: 0, clip: '' });
const playing = (segmentId: string): DevicePlayer => ({ token: tokenAt(segmentId), offsetInMilliseconds: 61_000, playerActivity: 'PLAYING' });
const noAudio = { supportedInterfaces: {} };

describe('the Play button with a token the skill cannot read', () => {
  it.each([
    ['an older token format', 'spine-nidra|0|standard|limbs|tonight1|0'],
    ["another skill's token", 'https://radio.example/stream#42'],
    ['no token at all', undefined],
  ])('%s: directives only, and no shouldEndSession', async (_label, token) => {
    const player = token === undefined ? undefined : { token, offsetInMilliseconds: 5_000, playerActivity: 'STOPPED' };
    const response = await harness.send(controller('Play', { player }));
    expect(response.response.shouldEndSession).toBeUndefined();
    expect(response.response.outputSpeech).toBeUndefined();
    expect(segmentOfToken(playOf(response)?.token)).toBe('arrival');
  });
});

describe('a device without AudioPlayer', () => {
  it('gets one calm sentence instead of a Play it cannot play', async () => {
    const response = await harness.send(launch(noAudio));
    expect(playOf(response)).toBeUndefined();
    expect(speechOf(response)).toContain("This device can't play the practice");
    expect(response.response.shouldEndSession).toBe(true);
  });

  it('still sets a sankalpa, reads settings and stats, and forgets on request', async () => {
    const asked = await harness.send(
      intent('SetSankalpaIntent', { ...noAudio, slots: { phrase: { name: 'phrase', value: 'I am at ease', confirmationStatus: 'NONE' } } }),
    );
    await harness.send(intent('AMAZON.YesIntent', { ...noAudio, session: { new: false, attributes: asked.sessionAttributes ?? {} } }));
    expect((await harness.store.load(harness.keyOf()))?.sankalpa?.text).toBe('I am at ease');
    expect(speechOf(await harness.send(intent('SettingsIntent', noAudio)))).toBeTruthy();
    expect(speechOf(await harness.send(intent('PracticeStatsIntent', noAudio)))).toMatch(/practi/i);
    const forget = await harness.send(intent('ForgetMeIntent', noAudio));
    const erased = await harness.send(
      intent('AMAZON.YesIntent', { ...noAudio, session: { new: false, attributes: forget.sessionAttributes ?? {} } }),
    );
    expect(speechOf(erased)).toContain('erased');
  });
});

describe('CanFulfillIntentRequest', () => {
  const canFulfill = async (name: string, slots: Record<string, unknown> = {}) => {
    harness.calls.length = 0;
    const response = await harness.send(envelope({ type: 'CanFulfillIntentRequest', intent: { name, slots } }, {}, true));
    expect(harness.calls).toEqual([]);
    expect(response.response.outputSpeech).toBeUndefined();
    return (response.response as { canFulfillIntent?: unknown }).canFulfillIntent;
  };

  it('YES for its own intent with a section it knows, reported per slot as Amazon has it', async () => {
    expect(await canFulfill('SkipToSectionIntent', sectionSlot('body scan', 'body-scan'))).toEqual({
      canFulfill: 'YES',
      slots: { section: { canUnderstand: 'YES', canFulfill: 'YES' } },
    });
    expect(await canFulfill('TimeLeftIntent')).toEqual({ canFulfill: 'YES' });
  });

  it('MAYBE where the slot is missing or not one it knows', async () => {
    expect(await canFulfill('SkipToSectionIntent')).toEqual({ canFulfill: 'MAYBE' });
    expect(await canFulfill('SkipToSectionIntent', sectionSlot('the kitchen'))).toEqual({
      canFulfill: 'MAYBE',
      slots: { section: { canUnderstand: 'NO', canFulfill: 'NO' } },
    });
  });

  it('NO for intents that are not its own', async () => {
    expect(await canFulfill('OrderPizzaIntent')).toEqual({ canFulfill: 'NO' });
  });
});

describe('requests the skill does not serve', () => {
  it.each(['AlexaSkillEvent.ProactiveSubscriptionChanged', 'Messaging.MessageReceived', 'Alexa.Presentation.APL.UserEvent.Unknown'])(
    '%s: an empty, quiet answer and an info line, not an error',
    async (type) => {
      const response = await harness.send(envelope({ type }, {}, false));
      expect(response.response).toEqual({});
      expect(harness.logs.filter((entry) => entry.level === 'error')).toEqual([]);
      expect(harness.logs).toContainEqual(expect.objectContaining({ level: 'info', message: expect.stringContaining('not handled') }));
    },
  );

  it('an intent the model does not declare gets the fallback, not an apology', async () => {
    const response = await harness.send(intent('OrderPizzaIntent'));
    expect(speechOf(response)).not.toContain(say.somethingWrong);
    expect(response.response.shouldEndSession).toBe(false);
  });
});

describe('everything after "Alexa, open Spine Nidra"', () => {
  it("while the practice plays: one short line, one answer's time, and no Play (silence lets it carry on)", async () => {
    const opened = await harness.send(launch({ player: playing('limbs') }));
    expect(speechOf(opened)).toContain('skip to the body scan');
    expect(opened.response.shouldEndSession).toBe(false);
    expect(opened.response.reprompt).toBeDefined();
    expect(playOf(opened)).toBeUndefined();
    const skipped = await harness.send(
      intent('SkipToSectionIntent', {
        player: playing('limbs'),
        session: { new: false, attributes: opened.sessionAttributes ?? {} },
        slots: sectionSlot('body scan', 'body-scan'),
      }),
    );
    expect(segmentOfToken(playOf(skipped)?.token)).toBe('body-scan');
  });

  it('then "my sankalpa is …" is asked and confirmed in the same session', async () => {
    const opened = await harness.send(launch({ player: playing('limbs') }));
    const asked = await harness.send(
      intent('SetSankalpaIntent', {
        player: playing('limbs'),
        session: { new: false, attributes: opened.sessionAttributes ?? {} },
        slots: { phrase: { name: 'phrase', value: 'I am steady', confirmationStatus: 'NONE' } },
      }),
    );
    expect(speechOf(asked)).toContain('Shall I keep it?');
  });

  const send = (request: RequestEnvelope): Promise<ResponseEnvelope> => harness.send(request);
  it.each(['AMAZON.YesIntent', 'AMAZON.NoIntent', 'AMAZON.FallbackIntent', 'AMAZON.RepeatIntent'])(
    '%s out of any question never loses the place: the practice carries on',
    async (name) => {
      const response = await send(intent(name, { player: playing('spine-breath') }));
      expect(segmentOfToken(playOf(response)?.token)).toBe('spine-breath');
      expect(response.response.shouldEndSession).toBe(true);
    },
  );

  it('"go home" out of any question ends the session and leaves the place alone', async () => {
    const response = await send(intent('AMAZON.NavigateHomeIntent', { player: playing('spine-breath') }));
    expect(response.response.shouldEndSession).toBe(true);
    expect(response.response.directives ?? []).toEqual([]);
  });
});
