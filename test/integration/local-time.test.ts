/**
 * localTime reads a zone through the process's TZ when it can (cheap on a cold Lambda) and through
 * ICU otherwise. Jest's sandboxed process.env never reaches Node's TZ hook, so the fast path is
 * checked in a plain Node child against ICU, across zones, DST changes and midnight.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'America/St_Johns', 'UTC'];
const INSTANTS = [
  '2026-03-08T06:59:00Z',
  '2026-03-08T07:01:00Z',
  '2026-10-25T00:30:00Z',
  '2026-10-25T01:30:00Z',
  '2026-11-24T04:59:00Z',
  '2026-12-31T23:30:00Z',
  '2026-04-05T15:59:00Z',
];

describe('local time in a zone', () => {
  it('agrees with ICU, on the TZ fast path in plain Node', () => {
    const script = `
      const { localTime } = require(${JSON.stringify(path.join(__dirname, '..', '..', 'lambda', 'alexa', 'api.ts'))});
      const zones = ${JSON.stringify(ZONES)}, instants = ${JSON.stringify(INSTANTS)};
      const out = [];
      for (const zone of zones) for (const instant of instants) {
        const ms = Date.parse(instant);
        const icu = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
        out.push([zone, instant, localTime(ms, zone), { hour: Number(icu.hour), minute: Number(icu.minute), date: icu.year + '-' + icu.month + '-' + icu.day }, process.env.TZ ?? null]);
      }
      console.log(JSON.stringify(out));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    const rows = JSON.parse(output) as Array<[string, string, unknown, unknown, string | null]>;
    expect(rows).toHaveLength(ZONES.length * INSTANTS.length);
    for (const [zone, instant, fast, icu, tzAfter] of rows) {
      expect({ zone, instant, local: fast }).toEqual({ zone, instant, local: icu });
      expect(tzAfter).toBe('UTC');
    }
  });
});
