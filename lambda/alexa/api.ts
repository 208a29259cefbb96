/**
 * Alexa's own REST APIs (settings, reminders), called with the request's apiEndpoint and
 * apiAccessToken over node's own http(s) (http-call.ts, not fetch): the SDK's service clients
 * would add their whole model to the bundle for two calls. Every call has a small time budget; a
 * slow Alexa API never holds up an answer.
 */
import type { RequestEnvelope } from 'ask-sdk-model';
import { isTimeZone } from '../playback/local-time';
import { httpCall } from './http-call';

export { isKnownTimeZone, isTimeZone, localTime } from '../playback/local-time';

export class AlexaApiError extends Error {
  override name = 'AlexaApiError';
  constructor(
    message: string,
    readonly status: number | undefined,
    /** Alexa's error code from the body, e.g. "MAX_REMINDERS_EXCEEDED". */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface AlexaApiCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  budgetMs: number;
}

/** One call to the Alexa API this request came with; throws AlexaApiError on anything but 2xx. */
export async function callAlexaApi<T>(envelope: RequestEnvelope, call: AlexaApiCall): Promise<T> {
  const system = envelope.context?.System;
  const endpoint = system?.apiEndpoint;
  const token = system?.apiAccessToken;
  if (!endpoint || !token) throw new AlexaApiError('no Alexa API access in this request', undefined);
  const { status, text } = await httpCall(new URL(call.path, endpoint), {
    method: call.method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(call.body ? { 'Content-Type': 'application/json' } : {}) },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    budgetMs: call.budgetMs,
  }).catch((error: unknown) => {
    throw new AlexaApiError(`Alexa API unreachable: ${(error as Error).name}`, undefined);
  });
  if (status < 200 || status > 299) {
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      code = undefined;
    }
    throw new AlexaApiError(`Alexa API answered ${status}`, status, code);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Where a listener is, when the device has no time zone to tell (the locale's main one). */
const LOCALE_TIME_ZONES: Record<string, string> = {
  'en-US': 'America/New_York',
  'en-CA': 'America/Toronto',
  'en-GB': 'Europe/London',
  'en-AU': 'Australia/Sydney',
  'en-IN': 'Asia/Kolkata',
};

/** The device's time zone (Settings API, no permission needed); else the locale's; else UTC. */
export async function deviceTimeZone(envelope: RequestEnvelope, budgetMs = 400): Promise<{ zone: string; source: 'device' | 'locale' }> {
  const deviceId = envelope.context?.System?.device?.deviceId;
  if (deviceId) {
    try {
      const zone = await callAlexaApi<unknown>(envelope, {
        method: 'GET',
        path: `/v2/devices/${encodeURIComponent(deviceId)}/settings/System.timeZone`,
        budgetMs,
      });
      if (isTimeZone(zone)) return { zone, source: 'device' };
    } catch {
      // Fall through to the locale's zone: a wrong guess by an hour or two beats no answer.
    }
  }
  const locale = (envelope.request as { locale?: string }).locale ?? '';
  return { zone: LOCALE_TIME_ZONES[locale] ?? 'UTC', source: 'locale' };
}
