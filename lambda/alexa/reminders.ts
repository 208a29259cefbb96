/**
 * Alexa Reminders: one daily reminder at a local time of day, and the voice request for the
 * permission it needs. The reminder can only speak (Alexa gives reminders no way to open a skill),
 * so its words tell the listener how to start the practice themselves.
 */
import type { RequestEnvelope, interfaces } from 'ask-sdk-model';
import type { DailyTime } from '../playback/record';
import { AlexaApiError, callAlexaApi, localTime } from './api';

export const REMINDERS_SCOPE = 'alexa::alerts:reminders:skill:readwrite';

/** Creating a reminder is one call in the listener's request; Alexa allows the whole answer 8 s. */
const CREATE_BUDGET_MS = 2_000;

export type { DailyTime } from '../playback/record';

export type ReminderOutcome = { outcome: 'created' } | { outcome: 'no-permission' | 'failed'; status?: number; code?: string };

/** What the request says about the grant; a stale "granted" still ends as 401/403 from the API. */
export function hasRemindersPermission(envelope: RequestEnvelope): boolean {
  return envelope.context?.System?.user?.permissions?.scopes?.[REMINDERS_SCOPE]?.status === 'GRANTED';
}

/**
 * Alexa asks the listener for the grant in its own words and answers with Connections.Response,
 * which echoes `token`. Version 1 with SendRequest is the form the reminders documentation shows.
 */
export function askForRemindersDirective(token: string): interfaces.connections.SendRequestDirective {
  return {
    type: 'Connections.SendRequest',
    name: 'AskFor',
    payload: { '@type': 'AskForPermissionsConsentRequest', '@version': '1', permissionScope: REMINDERS_SCOPE },
    token,
  };
}

const pad = (value: number) => String(value).padStart(2, '0');

function nextDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/**
 * The request body. Times are local wall-clock times without "Z" or an offset (Alexa rejects
 * those), read in `zone`. The first ring is the next time the clock shows `time`. The legacy
 * `freq: 'DAILY'` recurrence is used deliberately: Amazon documents it as deprecated but still
 * honoured, it is what Amazon's own reminder samples send, and the replacement
 * (`recurrenceRules`) has no daily example in the documentation to check against.
 */
export function dailyReminderBody(time: DailyTime, zone: string, nowMs: number, locale: string, text: string) {
  const now = localTime(nowMs, zone);
  const seconds = new Date(nowMs).getUTCSeconds();
  const laterToday = time.hour * 60 + time.minute > now.hour * 60 + now.minute;
  const date = laterToday ? now.date : nextDay(now.date);
  return {
    requestTime: `${now.date}T${pad(now.hour)}:${pad(now.minute)}:${pad(seconds)}.000`,
    trigger: {
      type: 'SCHEDULED_ABSOLUTE',
      scheduledTime: `${date}T${pad(time.hour)}:${pad(time.minute)}:00.000`,
      timeZoneId: zone,
      recurrence: { freq: 'DAILY' },
    },
    alertInfo: { spokenInfo: { content: [{ locale, text }] } },
    pushNotification: { status: 'ENABLED' },
  };
}

/** Creates the reminder; never throws, because every outcome still ends in the practice. */
export async function createDailyReminder(
  envelope: RequestEnvelope,
  time: DailyTime,
  zone: string,
  nowMs: number,
  text: string,
): Promise<ReminderOutcome> {
  const locale = (envelope.request as { locale?: string }).locale ?? 'en-US';
  try {
    await callAlexaApi(envelope, {
      method: 'POST',
      path: '/v1/alerts/reminders',
      body: dailyReminderBody(time, zone, nowMs, locale, text),
      budgetMs: CREATE_BUDGET_MS,
    });
    return { outcome: 'created' };
  } catch (error) {
    const status = error instanceof AlexaApiError ? error.status : undefined;
    const code = error instanceof AlexaApiError ? error.code : undefined;
    // A missing grant shows as 401 as often as 403, even when the skill has the permission turned on.
    const outcome = status === 401 || status === 403 ? 'no-permission' : 'failed';
    return { outcome, ...(status === undefined ? {} : { status }), ...(code === undefined ? {} : { code }) };
  }
}
