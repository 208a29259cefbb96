import { encodeToken } from '../../lambda/playback/token';
import { createHarness, type Harness } from '../support/harness';
import { segmentOfToken } from '../../testkit/tokens';
import { controller, intent, sectionSlot, playOf, speechOf } from '../../testkit/envelopes';

describe('moving around the practice', () => {
  let harness: Harness;
  const playing = (segmentId: string, offsetInMilliseconds = 60_000, playerActivity = 'PLAYING') => ({
    token: encodeToken(harness.catalog, { variant: 'standard', segmentId, nonce: 'tonight1', attempt: 0, clip: '' }),
    offsetInMilliseconds,
    playerActivity,
  });
  beforeEach(async () => {
    harness = await createHarness();
  });

  it.each([
    ['body scan', 'body-scan', 'body-scan'],
    ['the spine', 'spine-rotation', 'spine-rotation-cervical'],
    ['lower back', 'spine-rotation-lumbar', 'spine-rotation-lumbar'],
    ['the ending', 'return', 'return'],
  ])('"skip to %s" (resolved by Alexa) starts that part with REPLACE_ALL', async (spoken, resolvedId, expected) => {
    const response = await harness.send(intent('SkipToSectionIntent', { slots: sectionSlot(spoken, resolvedId), player: playing('arrival') }));
    const play = playOf(response);
    expect(play?.behavior).toBe('REPLACE_ALL');
    expect(segmentOfToken(play?.token ?? '')).toBe(expected);
    expect(play?.offsetInMilliseconds).toBe(0);
    expect(play?.url).toContain(`/${expected}.`);
  });

  it.each([
    ['neck', 'spine-rotation-cervical'],
    ['the vertebrae', 'spine-rotation-cervical'],
    ['tension and release', 'tension-release'],
    ['Breathing', 'spine-breath'],
  ])('matches "%s" itself when entity resolution did not', async (spoken, expected) => {
    const response = await harness.send(intent('SkipToSectionIntent', { slots: sectionSlot(spoken) }));
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe(expected);
  });

  it('an unknown section gets a short list of the sections, then the practice carries on', async () => {
    const response = await harness.send(intent('SkipToSectionIntent', { slots: sectionSlot('the kitchen'), player: playing('limbs', 42_000) }));
    expect(speechOf(response)).toMatch(/I can take you to .*the body scan.*and the return/);
    const play = playOf(response);
    expect(segmentOfToken(play?.token ?? '')).toBe('limbs');
    expect(play?.offsetInMilliseconds).toBe(42_000);
  });

  it('an unknown section outside playback asks which part, keeping the session open', async () => {
    const response = await harness.send(intent('SkipToSectionIntent', { slots: sectionSlot('') }));
    expect(speechOf(response)).toMatch(/I can take you to/);
    expect(response.response.reprompt).toBeDefined();
    expect(playOf(response)).toBeUndefined();
  });

  it.each([
    ['AMAZON.NextIntent', 'body-scan', 30_000, 'spine-rotation-cervical'],
    ['AMAZON.NextIntent', 'spine-rotation-cervical', 30_000, 'spine-rotation-thoracic'],
    ['AMAZON.PreviousIntent', 'limbs', 90_000, 'limbs'],
    ['AMAZON.PreviousIntent', 'limbs', 5_000, 'spine-rotation-column'],
    ['AMAZON.RepeatIntent', 'spine-breath', 90_000, 'spine-breath'],
  ])('%s from %s at %ims goes to %s', async (name, from, offset, expected) => {
    const response = await harness.send(intent(name, { player: playing(from, offset) }));
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe(expected);
    expect(playOf(response)?.offsetInMilliseconds).toBe(0);
    expect(response.response.shouldEndSession).toBe(true);
  });

  it('next at the final part says so and carries on where it was', async () => {
    const response = await harness.send(intent('AMAZON.NextIntent', { player: playing('return', 20_000) }));
    expect(speechOf(response)).toMatch(/final part/);
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('return');
    expect(playOf(response)?.offsetInMilliseconds).toBe(20_000);
  });

  it.each([
    ['Next', 'rest', 'closing-sankalpa'],
    ['Previous', 'rest', 'rest'],
  ] as const)('the %s button moves by part with directives only', async (button, from, expected) => {
    const response = await harness.send(controller(button, { player: playing(from) }));
    expect(response.response.outputSpeech).toBeUndefined();
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe(expected);
  });

  it('the Next button at the final part does nothing, silently', async () => {
    const response = await harness.send(controller('Next', { player: playing('return') }));
    expect(response.response.directives ?? []).toEqual([]);
  });

  it('next with nothing playing or stored begins the practice, after a single read', async () => {
    harness.calls.length = 0;
    const response = await harness.send(intent('AMAZON.NextIntent', { userId: 'amzn1.ask.account.NOTHING-YET' }));
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('arrival');
    expect(speechOf(response)).toMatch(/begin/);
    expect(harness.calls).toHaveLength(1);
  });

  it('next with no device state moves on from the stored place', async () => {
    await harness.store.saveProgress(harness.keyOf(), {
      variant: 'standard',
      segmentId: 'softening',
      offsetMs: 12_000,
      state: 'paused',
      nonce: 'earlier1',
      seq: harness.clock.ms * 10,
    });
    const response = await harness.send(intent('AMAZON.NextIntent'));
    expect(segmentOfToken(playOf(response)?.token ?? '')).toBe('sankalpa');
  });
});
