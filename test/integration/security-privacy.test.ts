/** Who may reach the skill, whose item a request can touch, what is spoken, and what is logged. */
import fc from 'fast-check';
import type { RequestEnvelope } from 'ask-sdk-model';
import { encodeToken } from '../../lambda/playback/token';
import { createJsonLogger, redact } from '../../lambda/skill/log';
import { createHarness, type Harness } from '../support/harness';
import { audioEvent, intent, launch, system, playOf, speechOf } from '../../testkit/envelopes';

const ONE = 'amzn1.ask.account.LISTENER-ONE';
const TWO = 'amzn1.ask.account.LISTENER-TWO';
const phrase = (value: string) => ({ phrase: { name: 'phrase', value, confirmationStatus: 'NONE' } });

/** The tags the skill's speech may contain; anything else in its SSML came from somebody's words. */
function ssmlProblems(ssml: string): string[] {
  const problems: string[] = [];
  if (!/^<speak>[\s\S]*<\/speak>$/.test(ssml)) problems.push('not wrapped in a single <speak>');
  const inner = ssml.replace(/^<speak>/, '').replace(/<\/speak>$/, '');
  const withoutTags = inner.replace(
    /<\/?(s|p|prosody|amazon:effect|amazon:domain)(\s+[a-z:-]+="[^"<>&]*")*\s*>|<break(\s+[a-z]+="[^"<>&]*")*\s*\/>/g,
    '',
  );
  if (/[<>]/.test(withoutTags)) problems.push("markup that is not the skill's own");
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(withoutTags)) problems.push('a bare ampersand');
  return problems;
}

describe('security and privacy', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await createHarness();
  });

  it('refuses requests for another skill, and envelopes with no user, before touching any item', async () => {
    const foreign = launch({ skillId: 'amzn1.ask.skill.someone-else' });
    await expect(harness.send(foreign)).rejects.toMatchObject({ name: 'RequestRefusedError', message: 'a request for another skill' });
    const anonymous = launch();
    delete (anonymous.context.System as { user?: unknown }).user;
    delete (anonymous.session as { user?: unknown }).user;
    await expect(harness.send(anonymous)).rejects.toMatchObject({ name: 'RequestRefusedError', message: 'no user id' });
    const mixed = launch({ userId: ONE });
    (mixed.session as { user: { userId: string } }).user.userId = TWO;
    await expect(harness.send(mixed)).rejects.toMatchObject({ message: 'session and context name different users' });
    // Alexa always names the skill in the context; a session's copy alone does not make a request ours.
    const sessionOnly = launch();
    delete (sessionOnly.context.System as { application?: unknown }).application;
    await expect(harness.send(sessionOnly)).rejects.toMatchObject({ name: 'RequestRefusedError', message: 'no application id' });
    expect(harness.calls).toEqual([]);
  });

  it("a request reads and writes only its own listener's item, whatever it does", async () => {
    await harness.store.setSankalpa(harness.keyOf(TWO), { text: 'I am steady', setAt: '2026-11-24T21:00:00Z' });
    harness.keys.length = 0;
    let session: Record<string, unknown> = {};
    const say = async (request: RequestEnvelope) => {
      const response = await harness.send(request);
      session = response.response.shouldEndSession === false ? (response.sessionAttributes ?? {}) : {};
      return response;
    };
    const started = await say(launch({ userId: ONE }));
    const token = playOf(started)?.token as string;
    await say(audioEvent('PlaybackStarted', token, 0, { userId: ONE }));
    await say(audioEvent('PlaybackStopped', token, 5_000, { userId: ONE }));
    await say(intent('SetSankalpaIntent', { userId: ONE, slots: phrase('my back is at ease') }));
    await say(intent('AMAZON.YesIntent', { userId: ONE, session: { new: false, attributes: session } }));
    await say(intent('WhatIsSankalpaIntent', { userId: ONE }));
    await say(intent('ForgetMeIntent', { userId: ONE }));
    await say(intent('AMAZON.YesIntent', { userId: ONE, session: { new: false, attributes: session } }));
    await say(system('AlexaSkillEvent.SkillDisabled', { body: { userId: ONE, userInformationPersistenceStatus: 'NOT_PERSISTED' } }, { userId: ONE }));
    expect(harness.keys.length).toBeGreaterThanOrEqual(7);
    expect(new Set(harness.keys)).toEqual(new Set([harness.keyOf(ONE)]));
    expect((await harness.store.load(harness.keyOf(TWO)))?.sankalpa?.text).toBe('I am steady');
  });

  it("no listener words can inject SSML: every spoken line stays the skill's own markup (300 phrases)", async () => {
    const hostile = fc.oneof(
      fc.string({ minLength: 1, maxLength: 80 }),
      fc.constantFrom(
        'i am calm</speak><audio src="https://evil.example/a.mp3"/><speak>',
        'my spine & my <breath> are "free"',
        "it's <break time='10s'/> fine",
        '&lt;already escaped&gt; &amp; more',
        '<amazon:effect name="whispered">hi</amazon:effect>',
      ),
    );
    await fc.assert(
      fc.asyncProperty(hostile, fc.nat(), async (text, n) => {
        const userId = `amzn1.ask.account.SSML-${n}`;
        const asked = await harness.send(intent('SetSankalpaIntent', { userId, slots: phrase(text) }));
        const lines = [speechOf(asked)];
        if ((asked.sessionAttributes?.dialog as { kind?: string } | undefined)?.kind === 'sankalpa-confirm') {
          const confirm = { userId, session: { new: false, attributes: asked.sessionAttributes } };
          lines.push(speechOf(await harness.send(intent('AMAZON.YesIntent', confirm))));
          lines.push(speechOf(await harness.send(intent('WhatIsSankalpaIntent', { userId }))));
          lines.push(speechOf(await harness.send(launch({ userId }))));
          lines.push(speechOf(await harness.send(intent('ClearSankalpaIntent', { userId }))));
        }
        for (const ssml of lines) if (ssml !== undefined) expect(ssmlProblems(ssml)).toEqual([]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('the SSML check itself catches injected markup and bare ampersands', () => {
    expect(ssmlProblems('<speak>Your sankalpa: I am calm.</speak>')).toEqual([]);
    expect(ssmlProblems('<speak>a <break time="1s"/> b <prosody rate="90%">c</prosody></speak>')).toEqual([]);
    expect(ssmlProblems('<speak>x</speak><audio src="e"/><speak>y</speak>')).not.toEqual([]);
    expect(ssmlProblems('<speak>tom & jerry</speak>')).toEqual(['a bare ampersand']);
  });

  describe('logs', () => {
    it('carry no Alexa ids, no playback tokens and no listener words, whatever a handler passes', () => {
      const lines: string[] = [];
      const log = createJsonLogger({ write: (_level, line) => lines.push(line), now: () => 0 });
      const token = encodeToken(harness.catalog, {
        variant: 'standard',
        segmentId: 'body-scan',
        nonce: 'abcd1234',
        attempt: 0,
        clip: '0123456789abcdef',
      });
      log.warn(`failed for ${ONE} on ${token}`, {
        text: 'my secret intention',
        sankalpa: { text: 'my secret intention' },
        nested: { userId: ONE, detail: `person amzn1.ask.person.ABC and device amzn1.ask.device.XYZ`, token },
        error: new Error(`Bearer abc.def.ghi rejected for ${ONE}`),
      });
      expect(lines).toHaveLength(1);
      const entry = JSON.parse(lines[0]);
      expect(entry).toMatchObject({ time: '1970-01-01T00:00:00.000Z', level: 'warn' });
      expect(lines[0]).not.toMatch(/amzn1\.ask|spine-nidra\||secret intention|abc\.def|0123456789abcdef/);
      expect(entry.nested.userId).toBe('[redacted]');
    });

    it('keep everything else, bounded: numbers, segment names, and long text cut short', () => {
      expect(redact({ segment: 'body-scan', attempt: 1, list: [1, 2] })).toEqual({ segment: 'body-scan', attempt: 1, list: [1, 2] });
      expect(String(redact('x'.repeat(2_000))).length).toBeLessThanOrEqual(501);
      expect(redact({ a: { b: { c: { d: 'deep' } } } })).toEqual({ a: { b: { c: '[nested]' } } });
    });

    it('respect LOG_LEVEL', () => {
      const lines: string[] = [];
      const log = createJsonLogger({ level: 'warn', write: (_level, line) => lines.push(line) });
      log.info('quiet');
      log.warn('heard');
      expect(lines.map((line) => JSON.parse(line).message)).toEqual(['heard']);
    });
  });
});
