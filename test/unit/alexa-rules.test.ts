import type { ResponseEnvelope } from 'ask-sdk-model';
import { alexaRuleViolations } from '../../testkit/alexa-rules';
import { audioEvent, controller, intent, launch, system } from '../../testkit/envelopes';

const BASE = 'https://cdn.spine-nidra.test';
const play = (behavior: string, stream: Record<string, unknown> = {}) => ({
  type: 'AudioPlayer.Play',
  playBehavior: behavior,
  audioItem: { stream: { url: `${BASE}/arrival.abc.mp3`, token: 't1', offsetInMilliseconds: 0, ...stream } },
});
const answer = (response: Record<string, unknown>): ResponseEnvelope => ({ version: '1.0', response }) as ResponseEnvelope;
const speech = { type: 'SSML', ssml: '<speak>Hello</speak>' };

describe('the Alexa rule check (what a device would reject)', () => {
  it('accepts a well-formed enqueue and a well-formed voice answer', () => {
    expect(
      alexaRuleViolations(audioEvent('PlaybackNearlyFinished', 't0', 1), answer({ directives: [play('ENQUEUE', { expectedPreviousToken: 't0' })] }), {
        audioBaseUrl: BASE,
      }),
    ).toEqual([]);
    expect(
      alexaRuleViolations(intent('AMAZON.ResumeIntent'), answer({ outputSpeech: speech, directives: [play('REPLACE_ALL')], shouldEndSession: true })),
    ).toEqual([]);
  });

  it.each([
    ['speech on an AudioPlayer event', audioEvent('PlaybackStarted', 't', 0), { outputSpeech: speech }, /outputSpeech/],
    ['a card on a button press', controller('Next'), { card: { type: 'Simple', title: 'x', content: 'y' } }, /card/],
    ['a reprompt on a button press', controller('Play'), { reprompt: { outputSpeech: speech } }, /reprompt/],
    [
      'two Play directives',
      intent('AMAZON.NextIntent'),
      { directives: [play('REPLACE_ALL'), play('REPLACE_ALL')], shouldEndSession: true },
      /2 Play/,
    ],
    ['ENQUEUE without expectedPreviousToken', audioEvent('PlaybackNearlyFinished', 't', 0), { directives: [play('ENQUEUE')] }, /ENQUEUE without/],
    [
      'expectedPreviousToken with REPLACE_ALL',
      intent('AMAZON.NextIntent'),
      { directives: [play('REPLACE_ALL', { expectedPreviousToken: 't' })], shouldEndSession: true },
      /only allowed with ENQUEUE/,
    ],
    [
      'a plain http stream',
      intent('AMAZON.NextIntent'),
      { directives: [play('REPLACE_ALL', { url: 'http://cdn/x.mp3' })], shouldEndSession: true },
      /not https/,
    ],
    [
      'a token over 1,024 characters',
      intent('AMAZON.NextIntent'),
      { directives: [play('REPLACE_ALL', { token: 'x'.repeat(1025) })], shouldEndSession: true },
      /1024/,
    ],
    [
      'Play while leaving the session open',
      intent('AMAZON.NextIntent'),
      { directives: [play('REPLACE_ALL')], shouldEndSession: false },
      /end the session/,
    ],
    ['Play in answer to PlaybackFinished', audioEvent('PlaybackFinished', 't', 0), { directives: [play('REPLACE_ALL')] }, /PlaybackFinished/],
    [
      'shouldEndSession on a button press',
      controller('Play'),
      { directives: [play('REPLACE_ALL')], shouldEndSession: true },
      /shouldEndSession is not allowed/,
    ],
    [
      'shouldEndSession on an AudioPlayer event',
      audioEvent('PlaybackFailed', 't', 0),
      { shouldEndSession: false },
      /shouldEndSession is not allowed/,
    ],
    [
      'a non-AudioPlayer directive on a button press',
      controller('Next'),
      { directives: [{ type: 'Dialog.Delegate' }] },
      /only AudioPlayer directives/,
    ],
  ])('flags %s', (_label, request, response, expected) => {
    const problems = alexaRuleViolations(request, answer(response));
    expect(problems.join('\n')).toMatch(expected);
  });

  describe('an answer that keeps the microphone open (certification test cases 4.12, 4.13)', () => {
    const question = { type: 'SSML', ssml: '<speak>Which part would you like?</speak>' };
    const reprompt = { outputSpeech: { type: 'SSML', ssml: '<speak>Which part?</speak>' } };

    it('accepts a question with a reprompt, and a statement that ends the session', () => {
      expect(alexaRuleViolations(intent('AMAZON.HelpIntent'), answer({ outputSpeech: question, reprompt, shouldEndSession: false }))).toEqual([]);
      expect(alexaRuleViolations(intent('AMAZON.HelpIntent'), answer({ outputSpeech: speech, shouldEndSession: true }))).toEqual([]);
      expect(alexaRuleViolations(intent('AMAZON.PauseIntent'), answer({ directives: [{ type: 'AudioPlayer.Stop' }] }))).toEqual([]);
    });

    it.each([
      ['shouldEndSession false', { outputSpeech: question, shouldEndSession: false }],
      ['shouldEndSession absent', { outputSpeech: question }],
    ])('flags speech with %s and no reprompt', (_label, response) => {
      expect(alexaRuleViolations(intent('AMAZON.HelpIntent'), answer(response))).toEqual([
        'IntentRequest: the session is left open without a reprompt',
      ]);
    });

    it('flags an open session whose speech is a statement, even with a reprompt', () => {
      expect(alexaRuleViolations(launch(), answer({ outputSpeech: speech, reprompt, shouldEndSession: false }))).toEqual([
        'LaunchRequest: the session is left open but the speech does not end with a question',
      ]);
    });

    it('accepts a lead-in sentence before a hand-over to an Alexa task, which asks its own question', () => {
      const handOver = { type: 'Connections.StartConnection', uri: 'connection://AMAZON.OfferAutomation/1', token: 't', input: {} };
      expect(alexaRuleViolations(launch(), answer({ outputSpeech: speech, directives: [handOver] } as never))).toEqual([]);
      expect(alexaRuleViolations(launch(), answer({ outputSpeech: speech }))).toHaveLength(2);
    });

    it('leaves requests outside a conversation to their own rules', () => {
      expect(alexaRuleViolations(system('SessionEndedRequest', {}), answer({}))).toEqual([]);
    });
  });

  it('flags a stream outside the configured audio base', () => {
    const problems = alexaRuleViolations(
      intent('AMAZON.NextIntent'),
      answer({ directives: [play('REPLACE_ALL', { url: 'https://elsewhere.test/x.mp3' })], shouldEndSession: true }),
      { audioBaseUrl: BASE },
    );
    expect(problems).toEqual([expect.stringMatching(/outside AUDIO_BASE_URL/)]);
  });
});

describe('the Alexa rule check on screens', () => {
  const pictured = (url: string, behavior = 'REPLACE_ALL', stream: Record<string, unknown> = {}) => {
    const bare = play(behavior, stream);
    const metadata = { title: 'Spine Nidra', art: { sources: [{ url }] }, backgroundImage: { sources: [{ url: `${BASE}/images/b.png` }] } };
    return { ...bare, audioItem: { ...bare.audioItem, metadata } };
  };
  const renderDocument = { type: 'Alexa.Presentation.APL.RenderDocument', token: 'screen', document: { type: 'APL', version: '2023.3' } };
  const withApl = <T extends { context: { System: { device?: unknown } } }>(request: T): T => {
    (request.context.System.device as { supportedInterfaces: Record<string, unknown> }).supportedInterfaces['Alexa.Presentation.APL'] = {};
    return request;
  };

  it('accepts pictures under the audio base and a document on a spoken answer from a screen', () => {
    const response = answer({ directives: [pictured(`${BASE}/images/a.png`), renderDocument], shouldEndSession: true });
    expect(alexaRuleViolations(withApl(intent('AMAZON.NextIntent')), response, { audioBaseUrl: BASE })).toEqual([]);
  });

  it.each([
    ['a plain http picture', 'http://cdn.spine-nidra.test/images/a.png', /art image URL is not https/],
    ['a picture from elsewhere', 'https://elsewhere.test/a.png', /art image URL outside AUDIO_BASE_URL/],
  ])('flags %s on a Play', (_label, url, expected) => {
    const response = answer({ directives: [pictured(url, 'ENQUEUE', { expectedPreviousToken: 't0' })] });
    expect(alexaRuleViolations(audioEvent('PlaybackNearlyFinished', 't0', 1), response, { audioBaseUrl: BASE })).toEqual([
      expect.stringMatching(expected),
    ]);
  });

  it.each([
    ['an AudioPlayer event', withApl(audioEvent('PlaybackNearlyFinished', 't0', 1))],
    ['a button press', withApl(controller('Next'))],
  ])('flags an APL document in answer to %s', (_label, request) => {
    expect(alexaRuleViolations(request, answer({ directives: [renderDocument] })).join('\n')).toMatch(/RenderDocument is not allowed/);
  });

  it('flags an APL document sent to a device without a screen', () => {
    const response = answer({ directives: [play('REPLACE_ALL'), renderDocument], shouldEndSession: true });
    expect(alexaRuleViolations(intent('AMAZON.NextIntent'), response)).toEqual([expect.stringMatching(/device without APL/)]);
  });
});
