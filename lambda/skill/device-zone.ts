/**
 * The device's time zone, remembered on the listener's item: Alexa's Settings API is asked at most
 * once a week per device, instead of on every Launch (a cold TLS round trip on a new container).
 * local-clock.ts reads it with the Launch's GetItem; audio-events.ts writes it with the next
 * progress write, so remembering it costs no write of its own.
 */
import { createHash } from 'node:crypto';
import type { RequestEnvelope } from 'ask-sdk-model';
import type { ListenerRecord, ProgressExtras } from '../store/types';

/**
 * A zone learned this long ago is asked for again (an Echo can move, or its owner change the
 * setting). A week, not a day: a listener who practises daily at the same time would otherwise
 * find it stale nearly every other evening. Either way it is at most one call per device per day.
 */
export const ZONE_FRESH_SEC = 7 * 86_400;

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

/** A zone a Launch asked Alexa for, waiting to ride along on this listener's next progress write. */
export type LearnedZone = NonNullable<ProgressExtras['timeZone']>;

const MAX_WAITING = 1_000;
/** Long enough for the Launch's PlaybackStarted to follow; after that it is simply asked again. */
const WAIT_MS = 10 * 60_000;

/**
 * A Launch has no write of its own to carry the zone, but the PlaybackStarted that follows it
 * (a moment later, nearly always in the same warm container) writes anyway: the zone goes with it.
 * Lost (another container, no playback), the next Launch asks again.
 */
export class ZoneHandoff {
  private readonly waiting = new Map<string, { learned: LearnedZone; untilMs: number }>();

  leave(listenerKey: string, learned: LearnedZone, nowMs: number): void {
    this.waiting.delete(listenerKey);
    if (this.waiting.size >= MAX_WAITING) this.waiting.delete(this.waiting.keys().next().value as string);
    this.waiting.set(listenerKey, { learned, untilMs: nowMs + WAIT_MS });
  }

  take(listenerKey: string, nowMs: number): LearnedZone | undefined {
    const entry = this.waiting.get(listenerKey);
    this.waiting.delete(listenerKey);
    return entry && entry.untilMs > nowMs ? entry.learned : undefined;
  }
}
