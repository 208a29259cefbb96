/**
 * The conformance corpus: envelopes shaped like real captures, each answered within Alexa's rules
 * (the harness runs the rule check on every response and throws on any violation) or, when it is
 * not a request for a listener of this skill, refused before any store call.
 */
import type { RequestEnvelope } from 'ask-sdk-model';
import { captures } from '../support/real-envelopes';
import { createHarness, type Harness } from '../support/harness';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});

describe.each(captures().map((capture) => [capture.label, capture] as const))('%s', (_label, capture) => {
  it(capture.expect === 'answered' ? 'is answered within the rules' : 'is refused before any store call', async () => {
    harness.calls.length = 0;
    const sent = harness.send(capture.envelope as unknown as RequestEnvelope);
    if (capture.expect === 'refused') {
      await expect(sent).rejects.toMatchObject({ name: 'RequestRefusedError' });
      expect(harness.calls).toEqual([]);
      return;
    }
    const response = await sent;
    const type = String((capture.envelope.request as { type: string }).type);
    if (type.startsWith('AudioPlayer.') || type.startsWith('PlaybackController.')) {
      expect(response.response.shouldEndSession).toBeUndefined();
      expect(response.response.outputSpeech).toBeUndefined();
    }
    expect(harness.logs.filter((entry) => entry.level === 'error' && entry.message === 'request failed')).toEqual([]);
  });
});
