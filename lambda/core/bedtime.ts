/**
 * The bedtime reminder offer's pure parts: when it is due, which time to suggest, how that time
 * sounds, what Alexa says, and the dialog state carried in the session and in the AskFor token.
 */
import { isKnownTimeZone, localTime } from '../playback/local-time';
import type { DailyTime } from '../playback/record';
import type { ListenerRecord } from '../playback/record';

/** What the question offered, so the answer creates exactly the reminder the listener heard. */
export interface BedtimeDialog extends DailyTime {
  zone: string;
}

/** Once, after a whole practice: by then the listener knows what the reminder would be for. */
export function isBedtimeOfferDue(record: ListenerRecord | undefined): boolean {
  return !!record && record.completedCount >= 1 && !record.bedtimeOffer;
}

/**
 * The local time of day the listener last began a practice, to the nearest five minutes; people
 * keep a bedtime practice at much the same time. Without a recorded start, this launch's time.
 */
export function usualPracticeTime(record: ListenerRecord, nowMs: number, zone: string): DailyTime {
  const starts = record.practiceStarts ?? [];
  const lastStartMs = starts.length ? Math.max(...starts) * 1_000 : nowMs;
  const { hour, minute } = localTime(lastStartMs, zone);
  const rounded = (hour * 60 + Math.round(minute / 5) * 5) % (24 * 60);
  return { hour: Math.floor(rounded / 60), minute: rounded % 60 };
}

/** "at 9:30 in the evening", "at 7 in the morning", "at midnight": how a person says it. */
export function spokenTime({ hour, minute }: DailyTime): string {
  if (minute === 0 && hour === 0) return 'at midnight';
  if (minute === 0 && hour === 12) return 'at noon';
  const clock = `${hour % 12 === 0 ? 12 : hour % 12}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}`;
  const part = hour < 5 ? 'at night' : hour < 12 ? 'in the morning' : hour < 17 ? 'in the afternoon' : 'in the evening';
  return `at ${clock} ${part}`;
}

const MAX_ZONE_CHARS = 64;

/** The session's copy of the dialog, as the session-attributes interceptor accepts it. */
export function isBedtimeDialog(value: unknown): value is BedtimeDialog {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { hour, minute, zone, ...rest } = value as Record<string, unknown>;
  return (
    Number.isInteger(hour) &&
    (hour as number) >= 0 &&
    (hour as number) <= 23 &&
    Number.isInteger(minute) &&
    (minute as number) >= 0 &&
    (minute as number) <= 55 &&
    (minute as number) % 5 === 0 &&
    typeof zone === 'string' &&
    zone.length <= MAX_ZONE_CHARS &&
    isKnownTimeZone(zone) &&
    Object.keys(rest).length === 0
  );
}

/** The reminder's AskFor token, and the routine offer's StartConnection token. */
export type OfferToken = 'bedtime-reminder' | 'bedtime-routine';

/**
 * Alexa hands the answer back in a request of its own (which may not carry the session), echoing
 * the token: so the offered time travels in it.
 */
export function dialogToken(dialog: BedtimeDialog, prefix: OfferToken = 'bedtime-reminder'): string {
  return [prefix, dialog.hour, dialog.minute, dialog.zone].join('|');
}

export function dialogFromToken(token: unknown, expected: OfferToken = 'bedtime-reminder'): BedtimeDialog | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const [prefix, hour, minute, zone, ...rest] = token.split('|');
  if (prefix !== expected || rest.length || !/^\d{1,2}$/.test(hour ?? '') || !/^\d{1,2}$/.test(minute ?? '')) return undefined;
  const dialog = { hour: Number(hour), minute: Number(minute), zone };
  return isBedtimeDialog(dialog) ? dialog : undefined;
}

export function isBedtimeToken(token: unknown, prefix: OfferToken = 'bedtime-reminder'): boolean {
  return typeof token === 'string' && token.startsWith(`${prefix}|`);
}

const BEGIN = 'Settle in, and we will begin.';

/** Short and soft: it is asked at bedtime, before the practice, and only once. */
export const bedtimeSay = {
  offer: (time: DailyTime) =>
    `Welcome back to Spine Nidra. You finished the whole practice last time. Would you like a reminder every day ${spokenTime(time)}, to practise?`,
  offerReprompt: (time: DailyTime) => `Shall I remind you every day ${spokenTime(time)}?`,
  reminderText: 'Time for Spine Nidra. Say: Alexa, start Spine Nidra.',
  created: (time: DailyTime) => `Done. I will remind you every day ${spokenTime(time)}. ${BEGIN}`,
  declined: `All right, no reminder. ${BEGIN}`,
  noPermission: `All right, no reminder for now. ${BEGIN}`,
  noPermissionCard: `All right, no reminder for now. If you change your mind, there is a card in the Alexa app. ${BEGIN}`,
  failed: `I could not set the reminder just now, so there is none. ${BEGIN}`,
  welcomeAgain: `Welcome back to Spine Nidra. ${BEGIN}`,
  /** Said just before Alexa's own question about the routine: one short sentence. */
  routineLead: 'You finished the whole practice last time, so Alexa can start it for you each day.',
  /** What Alexa reads out for the routine's action when it offers it. */
  routineAction: 'Start Spine Nidra',
  routineCreated: (time?: DailyTime) => `Done. Spine Nidra will start by itself every day${time ? ` ${spokenTime(time)}` : ''}. ${BEGIN}`,
  routineDeclined: `All right, no routine. ${BEGIN}`,
  routineAlready: `You already have a routine for it. ${BEGIN}`,
  routineFailed: `I could not set up the routine just now, so there is none. ${BEGIN}`,
};
