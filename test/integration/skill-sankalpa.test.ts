import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { encodeToken } from '../../lambda/playback/token';
import { clipKey, type ClipMaker } from '../../lambda/sankalpa/clips';
import { createHarness, type Harness } from '../support/harness';
import { segmentOfToken, tokenFields } from '../../testkit/tokens';
import { intent, launch, type DevicePlayer, playOf, speechOf } from '../../testkit/envelopes';
import { AUDIO_BASE_URL } from '../support/catalog';
import { walkPractice } from '../support/walk';

/** Stands in for Polly + S3, which cannot run here; the local flite maker is tested on its own. */
function recordingClips(options: { fail?: boolean } = {}) {
  const made: Array<{ text: string; files: readonly string[] }> = [];
  const maker: ClipMaker = {
    voice: 'test-voice',
    async make(text, files) {
      if (options.fail) throw new Error('synthesis unavailable');
      made.push({ text, files });
    },
  };
  return { maker, made };
}

const phrase = (value?: string) => ({ phrase: { name: 'phrase', confirmationStatus: 'NONE', ...(value === undefined ? {} : { value }) } });

describe('hands-free sankalpa', () => {
  let harness: Harness;
  let clips: ReturnType<typeof recordingClips>;
  /** Sends a request inside the running session, carrying its attributes forward like Alexa does. */
  let session: Record<string, unknown> | undefined;
  const say = async (request: (attributes: { session: { new: boolean; attributes: Record<string, unknown> } }) => RequestEnvelope) => {
    const response = await harness.send(request({ session: { new: !session, attributes: session ?? {} } }));
    session = response.response.shouldEndSession === false ? response.sessionAttributes : undefined;
    return response;
  };
  const stored = async () => (await harness.store.load(harness.keyOf()))?.sankalpa;

  beforeEach(async () => {
    clips = recordingClips();
    harness = await createHarness({ clips: clips.maker });
    session = undefined;
  });

  afterEach(() => {
    // Privacy: whatever happened, no sankalpa text reached the logs.
    const logged = JSON.stringify(harness.logs);
    for (const { text } of clips.made) expect(logged).not.toContain(text);
    expect(logged).not.toMatch(/at ease in my body|supple/i);
  });

  it.each([
    ['repeat', 'AMAZON.RepeatIntent'],
    ['something Alexa maps to the fallback', 'AMAZON.FallbackIntent'],
  ])('"%s" when asked "Shall I keep it?" asks again, and the sankalpa is not lost: yes then saves it', async (_label, name) => {
    await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase('i rest in my breath') }));
    const again = await say((s) => intent(name, s));
    expect(speechOf(again)).toContain('Your sankalpa: I rest in my breath. Shall I keep it?');
    expect(again.response.shouldEndSession).toBe(false);
    expect(playOf(again)).toBeUndefined();
    const saved = await say((s) => intent('AMAZON.YesIntent', s));
    expect(speechOf(saved)).toMatch(/Saved\./);
    expect(await stored()).toMatchObject({ text: 'I rest in my breath' });
  });

  it('a sankalpa with a wake word in it is never stored: a gentle re-ask says why', async () => {
    const asked = await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase('Alexa I am calm and whole') }));
    expect(speechOf(asked)).toContain('could wake your Echo');
    expect(asked.response.shouldEndSession).toBe(false);
    expect(asked.response.directives).toEqual([expect.objectContaining({ type: 'Dialog.ElicitSlot' })]);
    const again = await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase('I am calm and whole') }));
    expect(speechOf(again)).toContain('Your sankalpa: I am calm and whole. Shall I keep it?');
    await say((s) => intent('AMAZON.YesIntent', s));
    expect(await stored()).toMatchObject({ text: 'I am calm and whole' });
    expect(clips.made.map((clip) => clip.text)).toEqual(['I am calm and whole']);
  });

  it('one stored before the rule is not rendered, not welcomed into the practice, and read back with a way to change it', async () => {
    await harness.store.setSankalpa(harness.keyOf(), { text: 'Echo of my breath', setAt: '2026-11-01T21:00:00Z', clipKey: '0123456789abcdef' });
    const launched = await harness.send(launch());
    expect(speechOf(launched)).not.toContain('Echo of my breath');
    expect(tokenFields(playOf(launched)?.token).clip).toBe('');
    expect(clips.made).toEqual([]);
    const read = await harness.send(intent('WhatIsSankalpaIntent'));
    expect(speechOf(read)).toContain('could wake your Echo');
    expect(speechOf(read)).toContain('my sankalpa is');
  });

  it('one-shot "my sankalpa is ..." confirms, and yes saves it with the time and its clip', async () => {
    const asked = await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase('i am at ease in my body') }));
    expect(speechOf(asked)).toContain('Your sankalpa: I am at ease in my body. Shall I keep it?');
    expect(await stored()).toBeUndefined();

    const saved = await say((s) => intent('AMAZON.YesIntent', s));
    expect(speechOf(saved)).toMatch(/Saved\./);
    expect(saved.response.shouldEndSession).toBe(true);
    const key = clipKey('I am at ease in my body', 'test-voice');
    expect(await stored()).toEqual({ text: 'I am at ease in my body', setAt: expect.any(String), clipKey: key });
    expect(clips.made).toEqual([
      { text: 'I am at ease in my body', files: [`sankalpa-personal.${key}.mp3`, `closing-sankalpa-personal.${key}.mp3`] },
    ]);
  });

  it('"set my sankalpa" asks for it, a no asks once more, a second no leaves calmly with nothing saved', async () => {
    const asked = await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase() }));
    expect(speechOf(asked)).toMatch(/What is your sankalpa\?/);
    expect(asked.response.directives).toEqual([expect.objectContaining({ type: 'Dialog.ElicitSlot', slotToElicit: 'phrase' })]);

    await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase('my back is strong') }));
    const again = await say((s) => intent('AMAZON.NoIntent', s));
    expect(speechOf(again)).toMatch(/What would you like your sankalpa to be\?/);
    expect(again.response.directives).toEqual([expect.objectContaining({ type: 'Dialog.ElicitSlot' })]);

    const confirm = await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase('my neck is soft') }));
    expect(speechOf(confirm)).toContain('Your sankalpa: My neck is soft.');
    const leave = await say((s) => intent('AMAZON.NoIntent', s));
    expect(speechOf(leave)).toMatch(/leave your sankalpa as it was/);
    expect(leave.response.shouldEndSession).toBe(true);
    expect(await stored()).toBeUndefined();
  });

  it.each([
    ['  ...  ', /did not hear a sankalpa/],
    ['I breathe '.repeat(20), /a little long/],
    ['what time is it', /does not sound like an intention/],
  ])('a phrase like %j gets a gentle re-ask; a second miss leaves it for now', async (spoken, reAsk) => {
    const first = await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase(spoken) }));
    expect(speechOf(first)).toMatch(reAsk);
    expect(first.response.directives).toEqual([expect.objectContaining({ type: 'Dialog.ElicitSlot' })]);
    const second = await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase(spoken) }));
    expect(speechOf(second)).toMatch(/leave it for now/);
    expect(await stored()).toBeUndefined();
  });

  it.each([
    ['I am safe & well', 'I am safe &amp; well'],
    ['i am <break time="10s"/> calm', 'I am &lt;break time=&quot;10s&quot;/&gt; calm'],
    ["i'm free </speak><audio src='evil.mp3'/>", 'I&apos;m free &lt;/speak&gt;&lt;audio src=&apos;evil.mp3&apos;/&gt;'],
  ])('escapes %j wherever it is spoken', async (spoken, escaped) => {
    const confirm = await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase(spoken) }));
    expect(speechOf(confirm)).toContain(escaped);
    await say((s) => intent('AMAZON.YesIntent', s));
    const readBack = await say((s) => intent('WhatIsSankalpaIntent', s));
    expect(speechOf(readBack)).toContain(`Your sankalpa is: ${escaped}.`);
    const welcome = await harness.send(launch());
    expect(speechOf(welcome)).toContain(escaped);
    for (const response of [confirm, readBack, welcome]) {
      expect(speechOf(response)?.match(/<speak>/g)).toHaveLength(1);
      expect(speechOf(response)).not.toMatch(/<(break|audio)/);
    }
  });

  it('"what is my sankalpa" with none set explains how to set one', async () => {
    expect(speechOf(await say((s) => intent('WhatIsSankalpaIntent', s)))).toMatch(/have not set a sankalpa yet/);
  });

  it('"clear my sankalpa" confirms first; no keeps it, yes clears it', async () => {
    await harness.store.setSankalpa(harness.keyOf(), { text: 'My spine is supple', setAt: '2026-11-20T20:00:00Z' });
    expect(speechOf(await say((s) => intent('ClearSankalpaIntent', s)))).toContain('Shall I forget your sankalpa: My spine is supple?');
    expect(speechOf(await say((s) => intent('AMAZON.NoIntent', s)))).toMatch(/keep it/);
    expect((await stored())?.text).toBe('My spine is supple');
    await say((s) => intent('ClearSankalpaIntent', s));
    expect(speechOf(await say((s) => intent('AMAZON.YesIntent', s)))).toMatch(/cleared/);
    expect(await stored()).toBeUndefined();
  });

  it.each([
    [
      '"the second one"',
      () =>
        intent('PickIdeaIntent', {
          slots: {
            choice: {
              name: 'choice',
              value: 'second one',
              resolutions: {
                resolutionsPerAuthority: [{ authority: 'x', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: 'second', id: '2' } }] }],
              },
            },
          },
        }),
      1,
    ],
    ['"number two"', () => intent('PickIdeaIntent', { slots: { choice: { name: 'choice', value: 'number two' } } }), 1],
    ['"yes" (to the first)', () => intent('AMAZON.YesIntent'), 0],
  ])('ideas: three suggestions, then %s picks one', async (_label, pick, index) => {
    const offered = await say((s) => intent('SankalpaIdeasIntent', s));
    const ideas = (offered.sessionAttributes?.dialog as { kind: string; ideas: string[] } | undefined)?.ideas ?? [];
    expect(ideas).toHaveLength(3);
    expect(speechOf(offered)).toMatch(/One: .+\. Two: .+\. Three: .+\./);
    const envelope = pick();
    (envelope as unknown as { session: object }).session = {
      new: false,
      sessionId: 's',
      application: { applicationId: 'amzn1.ask.skill.spine-nidra-test' },
      user: { userId: 'amzn1.ask.account.LISTENER-ONE' },
      attributes: session,
    };
    await harness.send(envelope);
    expect((await stored())?.text).toBe(ideas[index]);
  });

  it('ideas: "no" saves nothing', async () => {
    await say((s) => intent('SankalpaIdeasIntent', s));
    expect(speechOf(await say((s) => intent('AMAZON.NoIntent', s)))).toMatch(/any time/);
    expect(await stored()).toBeUndefined();
  });

  describe('while the practice is playing', () => {
    const playing = (): DevicePlayer => ({
      token: encodeToken(harness.catalog, { variant: 'standard', segmentId: 'limbs', nonce: 'tonight1', attempt: 0, clip: '' }),
      offsetInMilliseconds: 83_000,
      playerActivity: 'PLAYING',
    });
    const carriesOnAt = (response: ResponseEnvelope, clip: string) => {
      const play = playOf(response);
      expect(play?.behavior).toBe('REPLACE_ALL');
      expect(segmentOfToken(play?.token ?? '')).toBe('limbs');
      expect(play?.offsetInMilliseconds).toBe(83_000);
      expect(tokenFields(play?.token).clip).toBe(clip);
    };

    it('a one-shot set answers, and playback continues from where it was with the new clip queued', async () => {
      await say((s) => intent('SetSankalpaIntent', { ...s, player: playing(), slots: phrase('my body knows how to heal') }));
      // While Alexa listened the device reports the stream as stopped; the dialog remembered the place.
      const done = await say((s) => intent('AMAZON.YesIntent', { ...s, player: { ...playing(), playerActivity: 'STOPPED' } }));
      carriesOnAt(done, clipKey('My body knows how to heal', 'test-voice'));
    });

    it('"what is my sankalpa" answers and carries on', async () => {
      await harness.store.setSankalpa(harness.keyOf(), { text: 'I rest deeply', setAt: '2026-11-20T20:00:00Z', clipKey: 'abcdef0123456789' });
      const response = await harness.send(intent('WhatIsSankalpaIntent', { player: playing() }));
      expect(speechOf(response)).toContain('Your sankalpa is: I rest deeply.');
      carriesOnAt(response, '');
    });
  });

  it('the welcome mentions the sankalpa, and the practice queue holds the personal clip at both sankalpa points', async () => {
    await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase('my spine is supple and free') }));
    await say((s) => intent('AMAZON.YesIntent', s));
    const key = clipKey('My spine is supple and free', 'test-voice');
    const { tokens, urls, launchResponse } = await walkPractice(harness, 'amzn1.ask.account.LISTENER-ONE');
    expect(speechOf(launchResponse)).toContain('Your sankalpa, My spine is supple and free, will be with you in the practice.');
    const order = tokens.map(segmentOfToken);
    expect(order[order.indexOf('sankalpa') + 1]).toBe('sankalpa-personal');
    expect(order[order.indexOf('closing-sankalpa') + 1]).toBe('closing-sankalpa-personal');
    expect(urls).toContain(`${AUDIO_BASE_URL}/clips/sankalpa-personal.${key}.mp3`);
    expect(urls).toContain(`${AUDIO_BASE_URL}/clips/closing-sankalpa-personal.${key}.mp3`);
    expect((await harness.store.load(harness.keyOf()))?.completedCount).toBe(1);
  });

  it('when the clip cannot be made, the sankalpa is still saved and the practice plays on without it', async () => {
    const failing = recordingClips({ fail: true });
    harness = await createHarness({ clips: failing.maker });
    await say((s) => intent('SetSankalpaIntent', { ...s, slots: phrase('i am calm and at peace') }));
    const saved = await say((s) => intent('AMAZON.YesIntent', s));
    expect(speechOf(saved)).toMatch(/Saved\./);
    expect(await stored()).toEqual({ text: 'I am calm and at peace', setAt: expect.any(String) });
    const { tokens } = await walkPractice(harness, 'amzn1.ask.account.LISTENER-ONE');
    expect(tokens.map(segmentOfToken)).not.toContain('sankalpa-personal');
    expect(harness.logs.some((entry) => entry.message.includes('clip not made'))).toBe(true);
  });
});
