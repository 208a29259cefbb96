/**
 * Starting by routine: a LaunchRequest carrying the skill's StartPractice task plays the listener's
 * practice at once (continued, or from the top), at any hour, and never asks a question.
 */
import { encodeToken } from '../../lambda/playback/token';
import { audioEvent, envelope, type launch, playOf, SKILL_ID } from '../../testkit/envelopes';
import { tokenFields } from '../../testkit/tokens';
import { createHarness, type Harness } from '../support/harness';

let harness: Harness;
beforeEach(async () => {
  harness = await createHarness();
});

const byRoutine = (options: Parameters<typeof launch>[0] = {}) =>
  envelope({ type: 'LaunchRequest', task: { name: `${SKILL_ID}.StartPractice`, version: '1', input: {} } }, options, true);
const DAY = Date.parse('2026-11-24T17:00:00Z');
const NIGHT = Date.parse('2026-11-25T03:00:00Z');

describe.each([
  ['by day', DAY],
  ['at night', NIGHT],
])('a routine-triggered launch %s', (_when, nowMs) => {
  beforeEach(() => {
    harness.clock.ms = nowMs;
  });

  it("plays a new listener's practice from the top at once, asking nothing", async () => {
    const response = await harness.send(byRoutine());
    expect(tokenFields(playOf(response)?.token).segmentId).toBe(harness.catalog.variants.standard[0]);
    expect(response.response.shouldEndSession).toBe(true);
    expect(response.response.reprompt).toBeUndefined();
  });

  it('carries a paused listener on where they stopped, without the resume question', async () => {
    const token = encodeToken(harness.catalog, { variant: 'standard', segmentId: 'limbs', nonce: 'evening1', attempt: 0, clip: '' });
    await harness.send(audioEvent('PlaybackStopped', token, 90_000, { timestamp: new Date(nowMs - 5 * 60_000).toISOString() }));
    const routine = await harness.send(byRoutine());
    expect(playOf(routine)).toMatchObject({ offsetInMilliseconds: 80_000 });
    expect(tokenFields(playOf(routine)?.token).segmentId).toBe('limbs');
    expect(routine.response.reprompt).toBeUndefined();
    expect(routine.sessionAttributes).toEqual({});
  });
});

it('a task of another skill is an ordinary launch', async () => {
  harness.clock.ms = DAY;
  const token = encodeToken(harness.catalog, { variant: 'standard', segmentId: 'limbs', nonce: 'evening1', attempt: 0, clip: '' });
  await harness.send(audioEvent('PlaybackStopped', token, 90_000, { timestamp: new Date(DAY - 3 * 3_600_000).toISOString() }));
  const other = await harness.send(
    envelope({ type: 'LaunchRequest', task: { name: 'amzn1.ask.skill.other.StartPractice', version: '1' } }, {}, true),
  );
  expect(other.response.reprompt).toBeDefined();
  expect(playOf(other)).toBeUndefined();
});
