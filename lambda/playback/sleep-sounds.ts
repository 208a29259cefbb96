/**
 * Sleep sounds after the practice: the forest bed carries on for the listener's chosen time, as a
 * chain of loop files ending in one that fades out. Each item's token carries the minutes still to
 * play after it, so NearlyFinished enqueues the next one from the token alone (no database call).
 * Never practice progress: events for these items write nothing. Pure.
 */
import type { Catalog } from './catalog';
import type { PlaybackState } from './token';

export const SLEEP_SOUNDS = 'sleep-sounds';
export const SLEEP_SOUNDS_FADE = 'sleep-sounds-fade';
export const DEFAULT_SLEEP_MINUTES = 60;
/** Devices stop long playback at about three hours; the chain never asks for more. */
export const MAX_SLEEP_MINUTES = 180;
export const SLEEP_MINUTE_CHOICES = [30, 60, 90, 120, 180] as const;

export function isSleepSounds(segmentId: string): boolean {
  return segmentId === SLEEP_SOUNDS || segmentId === SLEEP_SOUNDS_FADE;
}

/** Minutes a token may carry: whole, 1 to the device's limit. */
export function isSleepMinutes(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_SLEEP_MINUTES;
}

export function sleepSoundsFile(catalog: Catalog, segmentId: string): string | undefined {
  const sounds = catalog.sleepSounds;
  if (!sounds) return undefined;
  return segmentId === SLEEP_SOUNDS_FADE ? sounds.fade.file : segmentId === SLEEP_SOUNDS ? sounds.loop.file : undefined;
}

export function sleepSoundsDurationMs(catalog: Catalog, segmentId: string): number | undefined {
  const sounds = catalog.sleepSounds;
  if (!sounds) return undefined;
  return segmentId === SLEEP_SOUNDS_FADE ? sounds.fade.durationMs : segmentId === SLEEP_SOUNDS ? sounds.loop.durationMs : undefined;
}

/**
 * What plays after this item when the practice itself has nothing more: the loop while more than
 * a loop's length remains, then the fading one; nothing after that, without a chosen time, or in
 * a variant without the nature bed (the listener turned the nature sounds off).
 */
export function nextSleepItem(catalog: Catalog, state: PlaybackState): PlaybackState | undefined {
  const sounds = catalog.sleepSounds;
  const remaining = state.sleep ?? 0;
  if (!sounds || remaining <= 0 || state.segmentId === SLEEP_SOUNDS_FADE || state.variant.endsWith('-plain')) return undefined;
  const loopMinutes = Math.max(1, Math.round(sounds.loop.durationMs / 60_000));
  const base = { ...state, attempt: 0 as const, clip: state.clip };
  if (remaining > loopMinutes) return { ...base, segmentId: SLEEP_SOUNDS, sleep: remaining - loopMinutes };
  return { ...base, segmentId: SLEEP_SOUNDS_FADE, sleep: undefined };
}
