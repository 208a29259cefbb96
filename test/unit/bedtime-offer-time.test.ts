/** The bedtime offer's pure parts: the time it suggests, how it says it, and the session shape it accepts. */
import { spokenTime, usualPracticeTime } from '../../lambda/core/bedtime';
import { cleanSessionAttributes } from '../../lambda/skill/session-attributes';

describe('the bedtime dialog in the session', () => {
  it('keeps a well-formed dialog and drops forged or malformed ones', () => {
    const catalog = { segments: {}, variants: {}, defaultVariant: 'standard' } as never;
    const good = { hour: 21, minute: 35, zone: 'America/New_York' };
    const dialog = (offer: unknown) => ({ dialog: { kind: 'bedtime-offer', offer } });
    expect(cleanSessionAttributes(dialog(good), catalog)).toEqual(dialog(good));
    for (const bad of [
      { ...good, hour: 24 },
      { ...good, minute: 33 },
      { ...good, zone: 'Mars/Olympus_Mons' },
      { ...good, steer: 'elsewhere' },
      'at nine',
    ]) {
      expect(cleanSessionAttributes(dialog(bad), catalog)).toEqual({});
    }
  });
});

describe('the offered time', () => {
  const record = (isoStart: string) => ({ startedCount: 1, completedCount: 1, practiceStarts: [Date.parse(isoStart) / 1_000] });

  it('is the last start, to the nearest five minutes, in the listener zone', () => {
    expect(usualPracticeTime(record('2026-11-24T02:33:00Z'), 0, 'America/New_York')).toEqual({ hour: 21, minute: 35 });
    expect(usualPracticeTime(record('2026-11-24T23:58:00Z'), 0, 'UTC')).toEqual({ hour: 0, minute: 0 });
    expect(usualPracticeTime({ startedCount: 0, completedCount: 1 }, Date.parse('2026-11-24T21:31:00Z'), 'UTC')).toEqual({ hour: 21, minute: 30 });
  });

  it('sounds the way a person says it', () => {
    expect(spokenTime({ hour: 21, minute: 30 })).toBe('at 9:30 in the evening');
    expect(spokenTime({ hour: 22, minute: 0 })).toBe('at 10 in the evening');
    expect(spokenTime({ hour: 7, minute: 5 })).toBe('at 7:05 in the morning');
    expect(spokenTime({ hour: 14, minute: 15 })).toBe('at 2:15 in the afternoon');
    expect(spokenTime({ hour: 1, minute: 45 })).toBe('at 1:45 at night');
    expect(spokenTime({ hour: 0, minute: 0 })).toBe('at midnight');
    expect(spokenTime({ hour: 12, minute: 0 })).toBe('at noon');
  });
});
