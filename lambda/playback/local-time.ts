/**
 * Local time in a listener's zone, and which zone names to trust: pure (the process's TZ is set
 * and restored within one synchronous read). Used by the core's decisions and by the Alexa API
 * code that learns the device's zone.
 */
/** An IANA zone name as the Settings API gives it ("America/Los_Angeles", "Etc/GMT+5"). */
export function isTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length <= 64 && /^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/.test(zone);
}

/** A zone this runtime knows (ICU); costlier than isTimeZone, so only where a forged name could matter. */
export function isKnownTimeZone(zone: unknown): zone is string {
  if (!isTimeZone(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The local hour, minute and date (YYYY-MM-DD) of an instant in a zone. First through the
 * process's TZ, set and restored around one synchronous read: a first Intl.DateTimeFormat costs
 * 15-45 ms of ICU start-up on a cold Lambda, this about 2 ms. Where that cannot be told apart from
 * the process's own zone (a zone at its offset, or a host that ignores TZ changes), Intl decides.
 */
export function localTime(ms: number, zone: string): { hour: number; minute: number; date: string } {
  const at = new Date(ms);
  const previous = process.env.TZ;
  const ownOffset = at.getTimezoneOffset();
  let fields: number[] | undefined;
  try {
    process.env.TZ = zone;
    if (at.getTimezoneOffset() !== ownOffset) fields = [at.getFullYear(), at.getMonth() + 1, at.getDate(), at.getHours(), at.getMinutes()];
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
  fields ??= intlFields(at, zone);
  const [year, month, day, hour, minute] = fields;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { hour, minute, date: `${year}-${pad(month)}-${pad(day)}` };
}

function intlFields(at: Date, zone: string): number[] {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at);
  } catch {
    return [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes()];
  }
  const part = (type: string) => Number(parts.find((each) => each.type === type)?.value);
  return [part('year'), part('month'), part('day'), part('hour'), part('minute')];
}
