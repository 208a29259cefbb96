/**
 * The device's time zone, remembered on the listener's item: Alexa's Settings API is asked at most
 * once a day per device, instead of on every Launch (a cold TLS round trip on a new container).
 * Pure parts here; local-clock.ts reads and writes through them.
 */
import { createHash } from 'node:crypto';
import type { RequestEnvelope } from 'ask-sdk-model';
import type { DeviceZone, ListenerRecord } from '../store/types';

/** A zone learned this long ago is asked for again (a device can move, or its owner change it). */
export const ZONE_FRESH_SEC = 86_400;
/** Devices not heard from in this long are dropped from the item, and at most this many kept. */
const ZONE_FORGET_SEC = 30 * 86_400;
const MAX_DEVICES = 8;

/** A short hash of the device id: the table never holds the raw id. */
export function deviceKeyOf(envelope: RequestEnvelope): string | undefined {
  const deviceId = envelope.context?.System?.device?.deviceId;
  return typeof deviceId === 'string' && deviceId ? createHash('sha256').update(`device:${deviceId}`).digest('hex').slice(0, 16) : undefined;
}

/** The remembered zone of this device, while fresh. */
export function rememberedZone(record: ListenerRecord | undefined, device: string | undefined, nowMs: number): string | undefined {
  const known = device ? record?.timeZones?.[device] : undefined;
  return known && nowMs / 1000 - known.checkedAt < ZONE_FRESH_SEC ? known.zone : undefined;
}

/** The item's zones with this device's just-asked one, old devices dropped; the whole map is written. */
export function zonesWith(record: ListenerRecord | undefined, device: string, zone: string, nowMs: number): Record<string, DeviceZone> {
  const nowSec = Math.floor(nowMs / 1000);
  const others = Object.entries(record?.timeZones ?? {})
    .filter(([key, known]) => key !== device && nowSec - known.checkedAt < ZONE_FORGET_SEC)
    .sort(([, a], [, b]) => b.checkedAt - a.checkedAt)
    .slice(0, MAX_DEVICES - 1);
  return Object.fromEntries([[device, { zone, checkedAt: nowSec }], ...others]);
}
