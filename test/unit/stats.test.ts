import fc from 'fast-check';
import { practiceStats } from '../../lambda/playback/stats';

/**
 * Every moment below is a local wall time written with the zone's UTC offset at that moment, the
 * UTC instant alongside where it helps. `local()` checks the offset is really the zone's, so a slip
 * in a hand-written offset fails loudly instead of testing the wrong moment.
 */
const NEW_YORK = 'America/New_York';
const LONDON = 'Europe/London';
const KOLKATA = 'Asia/Kolkata';
const SYDNEY = 'Australia/Sydney';
const LOS_ANGELES = 'America/Los_Angeles';

const clockFormats = new Map<string, Intl.DateTimeFormat>();
function clockFormat(zone: string): Intl.DateTimeFormat {
  let format = clockFormats.get(zone);
  if (!format) {
    const options = {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    } as const;
    format = new Intl.DateTimeFormat('en-US', options);
    clockFormats.set(zone, format);
  }
  return format;
}

/** What the zone's clocks show at `ms`, as `YYYY-MM-DDTHH:MM`. */
function wallClock(zone: string, ms: number): string {
  const part = Object.fromEntries(
    clockFormat(zone)
      .formatToParts(ms)
      .map(({ type, value }) => [type, value]),
  );
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
}

/** Epoch milliseconds of `YYYY-MM-DDTHH:MM±HH:MM` (or `Z`), checked against the zone's clocks. */
function local(zone: string, written: string): number {
  const ms = Date.parse(written);
  if (Number.isNaN(ms) || wallClock(zone, ms) !== written.slice(0, 16)) {
    throw new Error(`${written} is not a wall time in ${zone} (its clocks show ${Number.isNaN(ms) ? '?' : wallClock(zone, ms)})`);
  }
  return ms;
}

/**
 * The instant the zone's clocks show a wall time (given as ms since the epoch, as if UTC), from
 * Intl's offsets: for many generated days, where writing each offset by hand is not practical.
 */
function instantOf(zone: string, wall: number): number {
  const offsetAt = (ms: number) => Date.parse(`${wallClock(zone, ms)}Z`) - Math.floor(ms / 60_000) * 60_000;
  const guess = wall - offsetAt(wall);
  return wall - offsetAt(guess);
}

/** The streak a listener in `zone` hears at `now`, having begun a practice at each of `starts`. */
function streak(zone: string, starts: readonly string[], now: string): number {
  const practiceStarts = starts.map((start) => local(zone, start) / 1000);
  return practiceStats({ startedCount: starts.length, completedCount: 0, practiceStarts }, local(zone, now), zone).streakDays;
}

describe('practice counts', () => {
  const now = local(NEW_YORK, '2026-06-10T21:00-04:00');

  it('a listener with nothing kept has practised zero times, with no streak', () => {
    expect(practiceStats(undefined, now, NEW_YORK)).toEqual({ started: 0, completed: 0, streakDays: 0 });
  });

  it('reports the counts kept, with no streak when no start times were kept', () => {
    expect(practiceStats({ startedCount: 7, completedCount: 5 }, now, NEW_YORK)).toEqual({ started: 7, completed: 5, streakDays: 0 });
    expect(practiceStats({ startedCount: 7, completedCount: 5, practiceStarts: [] }, now, NEW_YORK)).toEqual({
      started: 7,
      completed: 5,
      streakDays: 0,
    });
  });
});

describe('the streak of days', () => {
  it('a first practice this evening is a streak of one', () => {
    expect(streak(NEW_YORK, ['2026-06-10T21:00-04:00'], '2026-06-10T21:40-04:00')).toBe(1);
  });

  it('counts consecutive days up to today', () => {
    expect(streak(NEW_YORK, ['2026-06-08T21:00-04:00', '2026-06-09T21:00-04:00', '2026-06-10T21:00-04:00'], '2026-06-10T21:40-04:00')).toBe(3);
  });

  it("before today's practice, counts up to yesterday", () => {
    expect(streak(NEW_YORK, ['2026-06-08T21:00-04:00', '2026-06-09T21:00-04:00'], '2026-06-10T12:00-04:00')).toBe(2);
  });

  it('a missed day ends the streak: only the days since count, and none once yesterday is missed too', () => {
    const starts = ['2026-06-05', '2026-06-06', '2026-06-08', '2026-06-09', '2026-06-10'].map((day) => `${day}T21:00-04:00`);
    expect(streak(NEW_YORK, starts, '2026-06-10T21:40-04:00')).toBe(3);
    expect(streak(NEW_YORK, starts, '2026-06-11T12:00-04:00')).toBe(3);
    expect(streak(NEW_YORK, starts, '2026-06-12T12:00-04:00')).toBe(0);
    expect(streak(NEW_YORK, starts, '2026-06-20T12:00-04:00')).toBe(0);
  });

  it('a practice begun after midnight counts for the evening before', () => {
    const sundayAndTuesday = ['2026-06-07T21:00-04:00', '2026-06-09T21:00-04:00'];
    expect(streak(NEW_YORK, sundayAndTuesday, '2026-06-09T21:40-04:00')).toBe(1);
    // 00:30 on Tuesday fills Monday.
    expect(streak(NEW_YORK, [...sundayAndTuesday, '2026-06-09T00:30-04:00'], '2026-06-09T21:40-04:00')).toBe(3);
  });

  it('the evening lasts until 04:00: a practice at 03:59 belongs to it, one at 04:00 to the new day', () => {
    const monday = '2026-06-08T21:00-04:00';
    // 03:59 Wednesday is Tuesday's practice: asked on Wednesday, the streak runs Monday to Tuesday.
    expect(streak(NEW_YORK, [monday, '2026-06-10T03:59-04:00'], '2026-06-10T12:00-04:00')).toBe(2);
    // 04:00 Wednesday is Wednesday's: Tuesday was missed.
    expect(streak(NEW_YORK, [monday, '2026-06-10T04:00-04:00'], '2026-06-10T12:00-04:00')).toBe(1);
  });

  it('asked in the small hours, "today" is still the evening before', () => {
    // Practised Sunday and Monday, skipped Tuesday evening, asks at 02:00 Wednesday: Monday was yesterday.
    expect(streak(NEW_YORK, ['2026-06-07T21:00-04:00', '2026-06-08T21:00-04:00'], '2026-06-10T02:00-04:00')).toBe(2);
    // At 02:00, a practice at 23:30 the evening before is today's.
    expect(streak(NEW_YORK, ['2026-06-08T21:00-04:00', '2026-06-09T23:30-04:00'], '2026-06-10T02:00-04:00')).toBe(2);
  });

  it('several practices on one day count that day once', () => {
    const starts = [
      '2026-06-09T21:00-04:00',
      '2026-06-10T07:15-04:00',
      '2026-06-10T19:00-04:00',
      '2026-06-10T22:00-04:00',
      '2026-06-10T22:00-04:00',
      '2026-06-11T01:30-04:00', // still Wednesday's evening
    ];
    expect(streak(NEW_YORK, starts, '2026-06-11T02:00-04:00')).toBe(2);
    expect(streak(NEW_YORK, starts, '2026-06-11T12:00-04:00')).toBe(2);
  });

  it('does not depend on the order the start times are kept in', () => {
    const starts = ['2026-06-10T21:00-04:00', '2026-06-08T21:00-04:00', '2026-06-01T21:00-04:00', '2026-06-09T21:00-04:00'];
    expect(streak(NEW_YORK, starts, '2026-06-10T21:40-04:00')).toBe(3);
  });

  it('a year of evenings, through both clock changes, is a streak of 365 days', () => {
    const evenings = Array.from({ length: 365 }, (_, day) => instantOf(NEW_YORK, Date.UTC(2026, 0, 1 + day, 21)) / 1000);
    expect(wallClock(NEW_YORK, evenings[364] * 1000)).toBe('2026-12-31T21:00');
    const now = local(NEW_YORK, '2026-12-31T22:00-05:00');
    expect(practiceStats({ startedCount: 365, completedCount: 365, practiceStarts: evenings }, now, NEW_YORK).streakDays).toBe(365);
  });

  it('a start time that is not a time spoils nothing', () => {
    const starts = [local(NEW_YORK, '2026-06-09T21:00-04:00') / 1000, Number.NaN, local(NEW_YORK, '2026-06-10T21:00-04:00') / 1000];
    const stats = practiceStats({ startedCount: 3, completedCount: 2, practiceStarts: starts }, local(NEW_YORK, '2026-06-10T21:40-04:00'), NEW_YORK);
    expect(stats).toEqual({ started: 3, completed: 2, streakDays: 2 });
  });
});

describe("the streak by the listener's own clock, east and west of UTC", () => {
  it('Asia/Kolkata (UTC+05:30): an afternoon and the next morning are two days, though the same UTC date', () => {
    const starts = [
      '2026-06-09T13:00+05:30', // = 2026-06-09T07:30Z
      '2026-06-10T09:00+05:30', // = 2026-06-10T03:30Z, not yet 04:00 in UTC
    ];
    const now = '2026-06-10T10:00+05:30'; // = 2026-06-10T04:30Z
    expect(streak(KOLKATA, starts, now)).toBe(2);
    // Counted by UTC clocks, both fall on 9 June and the streak would be one.
    const practiceStarts = starts.map((start) => local(KOLKATA, start) / 1000);
    expect(practiceStats({ startedCount: 2, completedCount: 2, practiceStarts }, local(KOLKATA, now), 'UTC').streakDays).toBe(1);
  });

  it('Asia/Kolkata: 01:00 local, still the evening of the day before', () => {
    // 2026-06-09T19:30Z: the UTC date is the same either way, the local one is not.
    expect(streak(KOLKATA, ['2026-06-08T21:00+05:30', '2026-06-10T01:00+05:30'], '2026-06-10T12:00+05:30')).toBe(2);
  });

  it('Australia/Sydney (UTC+10 in June): an evening and the next lunchtime are two days', () => {
    const starts = [
      '2026-06-09T20:00+10:00', // = 2026-06-09T10:00Z
      '2026-06-10T13:00+10:00', // = 2026-06-10T03:00Z
    ];
    expect(streak(SYDNEY, starts, '2026-06-10T14:00+10:00')).toBe(2);
  });

  it('America/Los_Angeles (UTC-07 in June): a late evening and the next early morning are two days', () => {
    const starts = [
      '2026-06-09T22:00-07:00', // = 2026-06-10T05:00Z
      '2026-06-10T06:00-07:00', // = 2026-06-10T13:00Z
    ];
    expect(streak(LOS_ANGELES, starts, '2026-06-10T07:00-07:00')).toBe(2);
  });

  it('an unknown zone still gets an answer, counted by UTC clocks', () => {
    const starts = [Date.parse('2026-06-09T20:00Z') / 1000, Date.parse('2026-06-10T20:00Z') / 1000];
    const now = Date.parse('2026-06-10T21:00Z');
    const inUtc = practiceStats({ startedCount: 2, completedCount: 2, practiceStarts: starts }, now, 'UTC');
    expect(inUtc.streakDays).toBe(2);
    expect(practiceStats({ startedCount: 2, completedCount: 2, practiceStarts: starts }, now, 'Not/A_Zone')).toEqual(inUtc);
  });
});

describe('the streak across daylight saving changes', () => {
  describe('America/New_York, clocks forward 2026-03-08 02:00 EST -> 03:00 EDT', () => {
    it('keeps an evening streak through the change', () => {
      const starts = [
        '2026-03-07T21:00-05:00', // = 2026-03-08T02:00Z
        '2026-03-08T21:00-04:00', // = 2026-03-09T01:00Z
        '2026-03-09T21:00-04:00', // = 2026-03-10T01:00Z
      ];
      expect(streak(NEW_YORK, starts, '2026-03-09T21:30-04:00')).toBe(3);
      expect(streak(NEW_YORK, starts, '2026-03-10T12:00-04:00')).toBe(3);
    });

    it('the short night: 01:30 before the change and 03:30 after it are both the evening of 7 March', () => {
      const starts = [
        '2026-03-06T21:00-05:00',
        '2026-03-08T01:30-05:00', // = 2026-03-08T06:30Z
        '2026-03-08T03:30-04:00', // = 2026-03-08T07:30Z
      ];
      // Asked at noon on the 8th with no practice yet that day: the 6th and the 7th.
      expect(streak(NEW_YORK, starts, '2026-03-08T12:00-04:00')).toBe(2);
    });

    it('a morning practice on the day of the change counts for that day', () => {
      const starts = ['2026-03-07T21:00-05:00', '2026-03-08T05:00-04:00' /* = 2026-03-08T09:00Z */];
      expect(streak(NEW_YORK, starts, '2026-03-08T12:00-04:00')).toBe(2);
    });
  });

  describe('America/New_York, clocks back 2026-11-01 02:00 EDT -> 01:00 EST', () => {
    it('keeps an evening streak through the change', () => {
      const starts = [
        '2026-10-31T21:00-04:00', // = 2026-11-01T01:00Z
        '2026-11-01T21:00-05:00', // = 2026-11-02T02:00Z
        '2026-11-02T21:00-05:00', // = 2026-11-03T02:00Z
      ];
      expect(streak(NEW_YORK, starts, '2026-11-02T21:30-05:00')).toBe(3);
      expect(streak(NEW_YORK, starts, '2026-11-03T12:00-05:00')).toBe(3);
    });

    it('the long night: both 01:30s and 02:30 are the evening of 31 October', () => {
      const starts = [
        '2026-10-30T21:00-04:00',
        '2026-11-01T01:30-04:00', // = 2026-11-01T05:30Z, the first 01:30
        '2026-11-01T01:30-05:00', // = 2026-11-01T06:30Z, the second 01:30
        '2026-11-01T02:30-05:00', // = 2026-11-01T07:30Z
      ];
      expect(streak(NEW_YORK, starts, '2026-11-01T12:00-05:00')).toBe(2);
    });

    it('asked during the repeated hour, "today" is still 31 October', () => {
      const starts = ['2026-10-30T21:00-04:00', '2026-10-31T21:00-04:00'];
      expect(streak(NEW_YORK, starts, '2026-11-01T01:30-05:00' /* = 2026-11-01T06:30Z */)).toBe(2);
    });

    it('a practice from 04:00 on the day of the change counts for that day', () => {
      const starts = ['2026-10-31T21:00-04:00', '2026-11-01T04:00-05:00' /* = 2026-11-01T09:00Z */];
      expect(streak(NEW_YORK, starts, '2026-11-01T12:00-05:00')).toBe(2);
    });
  });

  describe('Europe/London, clocks forward 2026-03-29 01:00 GMT -> 02:00 BST', () => {
    it('keeps an evening streak through the change', () => {
      const starts = [
        '2026-03-28T22:00Z',
        '2026-03-29T22:00+01:00', // = 2026-03-29T21:00Z
        '2026-03-30T22:00+01:00', // = 2026-03-30T21:00Z
      ];
      expect(streak(LONDON, starts, '2026-03-30T22:30+01:00')).toBe(3);
    });

    it('the short night: 00:30 GMT and 03:30 BST are both the evening of 28 March', () => {
      const starts = [
        '2026-03-27T22:00Z',
        '2026-03-29T00:30Z',
        '2026-03-29T03:30+01:00', // = 2026-03-29T02:30Z
      ];
      expect(streak(LONDON, starts, '2026-03-29T12:00+01:00')).toBe(2);
    });

    it('a morning practice on the day of the change counts for that day', () => {
      expect(streak(LONDON, ['2026-03-28T22:00Z', '2026-03-29T05:00+01:00' /* = 2026-03-29T04:00Z */], '2026-03-29T12:00+01:00')).toBe(2);
    });
  });

  describe('Europe/London, clocks back 2026-10-25 02:00 BST -> 01:00 GMT', () => {
    it('keeps an evening streak through the change', () => {
      const starts = [
        '2026-10-24T22:00+01:00', // = 2026-10-24T21:00Z
        '2026-10-25T22:00Z',
        '2026-10-26T22:00Z',
      ];
      expect(streak(LONDON, starts, '2026-10-26T22:30Z')).toBe(3);
    });

    it('the long night: both 01:30s and 02:30 are the evening of 24 October', () => {
      const starts = [
        '2026-10-23T22:00+01:00',
        '2026-10-25T01:30+01:00', // = 2026-10-25T00:30Z, the first 01:30
        '2026-10-25T01:30Z', // the second 01:30
        '2026-10-25T02:30Z',
      ];
      expect(streak(LONDON, starts, '2026-10-25T12:00Z')).toBe(2);
    });

    it('a practice from 04:00 on the day of the change counts for that day', () => {
      expect(streak(LONDON, ['2026-10-24T22:00+01:00', '2026-10-25T04:00Z'], '2026-10-25T12:00Z')).toBe(2);
    });
  });

  describe('Australia/Sydney, where the changes run the other way round the year', () => {
    it('clocks back 2026-04-05 03:00 AEDT -> 02:00 AEST: an evening streak, and both 02:30s are the night before', () => {
      const evenings = [
        '2026-04-04T21:00+11:00', // = 2026-04-04T10:00Z
        '2026-04-05T21:00+10:00', // = 2026-04-05T11:00Z
        '2026-04-06T21:00+10:00', // = 2026-04-06T11:00Z
      ];
      expect(streak(SYDNEY, evenings, '2026-04-06T21:30+10:00')).toBe(3);
      const longNight = [
        '2026-04-03T21:00+11:00',
        '2026-04-05T02:30+11:00', // = 2026-04-04T15:30Z, the first 02:30
        '2026-04-05T02:30+10:00', // = 2026-04-04T16:30Z, the second 02:30
      ];
      expect(streak(SYDNEY, longNight, '2026-04-05T12:00+10:00')).toBe(2);
    });

    it('clocks forward 2026-10-04 02:00 AEST -> 03:00 AEDT: an evening streak through the change', () => {
      const evenings = [
        '2026-10-03T21:00+10:00', // = 2026-10-03T11:00Z
        '2026-10-04T21:00+11:00', // = 2026-10-04T10:00Z
        '2026-10-05T21:00+11:00', // = 2026-10-05T10:00Z
      ];
      expect(streak(SYDNEY, evenings, '2026-10-05T21:30+11:00')).toBe(3);
    });
  });
});

describe('the hour next to 04:00 on a night the clocks change counts by the clock, not by elapsed hours', () => {
  it.each([
    [
      'New York, clocks forward: 04:30 EDT belongs to that day',
      NEW_YORK,
      ['2026-03-07T21:00-05:00', '2026-03-08T04:30-04:00', '2026-03-09T21:00-04:00'],
      '2026-03-09T21:30-04:00',
      3,
    ],
    [
      'New York, clocks back: 03:30 EST belongs to the evening before',
      NEW_YORK,
      ['2026-10-30T21:00-04:00', '2026-11-01T03:30-05:00'],
      '2026-11-01T12:00-05:00',
      2,
    ],
    [
      'London, clocks forward: 04:30 BST belongs to that day',
      LONDON,
      ['2026-03-28T22:00Z', '2026-03-29T04:30+01:00', '2026-03-30T22:00+01:00'],
      '2026-03-30T22:30+01:00',
      3,
    ],
    ['London, clocks back: 03:30 GMT belongs to the evening before', LONDON, ['2026-10-23T22:00+01:00', '2026-10-25T03:30Z'], '2026-10-25T12:00Z', 2],
    [
      'Sydney, clocks back: 03:30 AEST belongs to the evening before',
      SYDNEY,
      ['2026-04-03T22:00+11:00', '2026-04-05T03:30+10:00'],
      '2026-04-05T12:00+10:00',
      2,
    ],
    [
      'Sydney, clocks forward: 04:30 AEDT belongs to that day',
      SYDNEY,
      ['2026-10-03T22:00+10:00', '2026-10-04T04:30+11:00', '2026-10-05T21:00+11:00'],
      '2026-10-05T21:30+11:00',
      3,
    ],
  ] as const)('%s', (_label, zone, starts, now, expected) => {
    expect(streak(zone, starts, now)).toBe(expected);
  });
});

describe('the streak over many days, zones and times of day (fast-check)', () => {
  // Zones on both sides of UTC, with and without daylight saving, and with half-hour offsets.
  const ZONES = [
    NEW_YORK,
    LONDON,
    KOLKATA,
    SYDNEY,
    LOS_ANGELES,
    'Pacific/Auckland',
    'America/St_Johns',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'UTC',
  ];
  const DAY_MS = 86_400_000;
  const START_OF_2026 = Date.UTC(2026, 0, 1);

  /**
   * A practice on the practice day `day` (days after 1 January 2026) at `minute` minutes after its
   * midnight; minutes past 24 h run into the small hours of the next calendar day. Generated times
   * stay between 05:00 and 02:59, clear of the 04:00 boundary, whose hour on the days the clocks
   * change is covered case by case above.
   */
  const practiceAt = (zone: string, day: number, minute: number) => instantOf(zone, START_OF_2026 + day * DAY_MS + minute * 60_000) / 1000;
  const noonOf = (zone: string, day: number) => instantOf(zone, START_OF_2026 + day * DAY_MS + 12 * 3_600_000);
  const minuteOfDay = fc.integer({ min: 5 * 60, max: 27 * 60 - 1 });

  const run = fc.record({
    zone: fc.constantFrom(...ZONES),
    firstDay: fc.integer({ min: 0, max: 330 }),
    minutes: fc.array(minuteOfDay, { minLength: 1, maxLength: 30 }),
  });
  const stats = (practiceStarts: number[], nowMs: number, zone: string) =>
    practiceStats({ startedCount: practiceStarts.length, completedCount: 0, practiceStarts }, nowMs, zone).streakDays;

  it('a practice every day is a streak of every day: today, tomorrow before practising, and gone the day after (100 runs)', () => {
    fc.assert(
      fc.property(run, ({ zone, firstDay, minutes }) => {
        const starts = minutes.map((minute, i) => practiceAt(zone, firstDay + i, minute));
        const lastDay = firstDay + minutes.length - 1;
        expect([zone, stats(starts, noonOf(zone, lastDay), zone)]).toEqual([zone, minutes.length]);
        expect([zone, stats(starts, noonOf(zone, lastDay + 1), zone)]).toEqual([zone, minutes.length]);
        expect([zone, stats(starts, noonOf(zone, lastDay + 2), zone)]).toEqual([zone, 0]);
      }),
      { seed: 20261203, numRuns: 100 },
    );
  });

  it('a missed day leaves only the days after it (100 runs)', () => {
    fc.assert(
      fc.property(
        run.chain((each) => fc.record({ each: fc.constant(each), missed: fc.integer({ min: 0, max: each.minutes.length - 1 }) })),
        ({ each: { zone, firstDay, minutes }, missed }) => {
          const starts = minutes.flatMap((minute, i) => (i === missed ? [] : [practiceAt(zone, firstDay + i, minute)]));
          const lastDay = firstDay + minutes.length - 1;
          // Asked at noon on the last day: if that day was the one missed, the streak runs to yesterday.
          const expected = missed === minutes.length - 1 ? minutes.length - 1 : minutes.length - 1 - missed;
          expect([zone, stats(starts, noonOf(zone, lastDay), zone)]).toEqual([zone, expected]);
        },
      ),
      { seed: 20261203, numRuns: 100 },
    );
  });

  it('extra practices on days already counted, in any order, change nothing (100 runs)', () => {
    fc.assert(
      fc.property(
        run.chain((each) =>
          fc.record({
            each: fc.constant(each),
            extra: fc.array(fc.tuple(fc.integer({ min: 0, max: each.minutes.length - 1 }), minuteOfDay), { maxLength: 10 }),
            order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: each.minutes.length + 10, maxLength: each.minutes.length + 10 }),
          }),
        ),
        ({ each: { zone, firstDay, minutes }, extra, order }) => {
          const once = minutes.map((minute, i) => practiceAt(zone, firstDay + i, minute));
          const again = extra.map(([i, minute]) => practiceAt(zone, firstDay + i, minute));
          const shuffled = [...once, ...again, ...once.slice(0, 1)]
            .map((start, i) => ({ start, key: order[i % order.length] }))
            .sort((a, b) => a.key - b.key)
            .map(({ start }) => start);
          const lastDay = firstDay + minutes.length - 1;
          expect([zone, stats(shuffled, noonOf(zone, lastDay + 1), zone)]).toEqual([zone, minutes.length]);
        },
      ),
      { seed: 20261203, numRuns: 100 },
    );
  });
});
