/**
 * A Launch asks Alexa's Settings API for the device's time zone at most once a week per device:
 * the zone is remembered on the listener's item, read in the GetItem the Launch makes anyway, and
 * written along with the PlaybackStarted that follows (no write of its own).
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { createHarness, type Harness } from '../support/harness';
import { playOf, speechOf } from '../../testkit/envelopes';
import { startFakeAlexaApi, type FakeAlexaApi } from '../support/fake-alexa-api';
import { audioEvent, launch } from '../../testkit/envelopes';

const USER = 'amzn1.ask.account.ZONES';
const DAY = 86_400_000;
// 21:30 UTC: 03:00 in Kolkata (night: the soft voice), 16:30 in New York (day).
const isSoft = (speech: string | undefined) => Boolean(speech?.includes('<prosody volume="soft"'));

describe('the device time zone, remembered', () => {
  let harness: Harness;
  let api: FakeAlexaApi;
  beforeAll(async () => {
    api = await startFakeAlexaApi();
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    harness = await createHarness();
    api.timeZoneCalls = 0;
    api.zone = 'Asia/Kolkata';
  });
  /** A Launch, and the PlaybackStarted of what it played, as the Echo sends it. */
  const launchFrom = async (deviceId = 'amzn1.ask.device.ECHO-BEDROOM'): Promise<ResponseEnvelope> => {
    harness.clock.ms += 60_000;
    const answer = await harness.send(api.aim(launch({ userId: USER, deviceId })));
    const play = playOf(answer);
    const timestamp = new Date(harness.clock.ms).toISOString();
    if (play)
      await harness.send(api.aim(audioEvent('PlaybackStarted', play.token, play.offsetInMilliseconds, { userId: USER, deviceId, timestamp })));
    return answer;
  };

  it('is asked once, then read with the listener for a week, even when the device has moved since', async () => {
    expect(isSoft(speechOf(await launchFrom()))).toBe(true);
    expect(api.timeZoneCalls).toBe(1);
    api.zone = 'America/New_York';
    harness.clock.ms += 6 * DAY + 23 * 3_600_000;
    harness.calls.length = 0;
    // About 20:30 UTC: 02:00 in Kolkata, still the remembered zone.
    expect(isSoft(speechOf(await launchFrom()))).toBe(true);
    expect(api.timeZoneCalls).toBe(1);
    // The Launch's GetItem and the PlaybackStarted's UpdateItem: remembering costs no write of its own.
    expect(harness.calls).toEqual(['GetItem', 'UpdateItem']);
  });

  it('rides on the progress write that follows the Launch', async () => {
    harness.calls.length = 0;
    await launchFrom();
    expect(harness.calls).toEqual(['GetItem', 'UpdateItem']);
    const record = await harness.store.load(harness.keyOf(USER));
    expect(Object.values(record?.timeZones ?? {})).toEqual([{ zone: 'Asia/Kolkata', checkedAt: Math.floor(harness.clock.ms / 1000) }]);
    expect(record?.progress?.state).toBe('playing');
  });

  it('is asked again after a week, and the new answer replaces the old', async () => {
    await launchFrom();
    api.zone = 'America/New_York';
    harness.clock.ms += 7 * DAY;
    expect(isSoft(speechOf(await launchFrom()))).toBe(false);
    expect(api.timeZoneCalls).toBe(2);
    const zones = Object.values((await harness.store.load(harness.keyOf(USER)))?.timeZones ?? {});
    expect(zones).toEqual([{ zone: 'America/New_York', checkedAt: Math.floor(harness.clock.ms / 1000) }]);
  });

  it('is kept per device, under a hash of its id', async () => {
    await launchFrom('amzn1.ask.device.ECHO-BEDROOM');
    api.zone = 'Europe/London';
    await launchFrom('amzn1.ask.device.ECHO-TRAVEL');
    await launchFrom('amzn1.ask.device.ECHO-BEDROOM');
    await launchFrom('amzn1.ask.device.ECHO-TRAVEL');
    expect(api.timeZoneCalls).toBe(2);
    const record = await harness.store.load(harness.keyOf(USER));
    expect(
      Object.values(record?.timeZones ?? {})
        .map((known) => known.zone)
        .sort(),
    ).toEqual(['Asia/Kolkata', 'Europe/London']);
    expect(JSON.stringify(record)).not.toContain('ECHO-');
  });

  it('is not remembered when Alexa did not answer: the locale guess is asked again next time', async () => {
    api.zone = 500;
    await launchFrom();
    await launchFrom();
    expect(api.timeZoneCalls).toBe(2);
    expect((await harness.store.load(harness.keyOf(USER)))?.timeZones).toBeUndefined();
  });
});
