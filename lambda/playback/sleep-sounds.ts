/**
 * Sleep sounds after the practice: the forest bed carries on for the listener's chosen time, as a
 * chain that rises out of the practice's quiet end, loops, and ends in a file that fades out. Each item's token carries the minutes still to
 * play after it, so NearlyFinished enqueues the next one from the token alone (no database call).
 * Never practice progress: events for these items write nothing. Pure.
 */
import type { Catalog } from './catalog';
import type { PlaybackState } from './token';

export const SLEEP_SOUNDS = 'sleep-sounds';
export const SLEEP_SOUNDS_RISE = 'sleep-sounds-rise';
export const SLEEP_SOUNDS_FADE = 'sleep-sounds-fade';
export const DEFAULT_SLEEP_MINUTES = 60;
/** Devices stop long playback at about three hours; the chain never asks for more. */
export const MAX_SLEEP_MINUTES = 180;
export const SLEEP_MINUTE_CHOICES = [30, 60, 90, 120, 180] as const;

export function isSleepSounds(segmentId: string): boolean {
  return segmentId === SLEEP_SOUNDS || segmentId === SLEEP_SOUNDS_RISE || segmentId === SLEEP_SOUNDS_FADE;
}

/** The catalog's file for a sleep-sounds item (the rise only where the manifest has one). */
function soundFile(catalog: Catalog, segmentId: string) {
  const sounds = catalog.sleepSounds;
  if (!sounds) return undefined;
  if (segmentId === SLEEP_SOUNDS_RISE) return sounds.rise;
  return segmentId === SLEEP_SOUNDS_FADE ? sounds.fade : segmentId === SLEEP_SOUNDS ? sounds.loop : undefined;
}

/** Minutes a token may carry: whole, 1 to the device's limit. */
export function isSleepMinutes(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_SLEEP_MINUTES;
}

export function sleepSoundsFile(catalog: Catalog, segmentId: string): string | undefined {
  return soundFile(catalog, segmentId)?.file;
}

export function sleepSoundsDurationMs(catalog: Catalog, segmentId: string): number | undefined {
  return soundFile(catalog, segmentId)?.durationMs;
}

/**
 * What plays after this item when the practice itself has nothing more: first the rise (the
 * practice ends with its bed faded away, and the sounds grow out of that quiet), then the loop
 * while more than a file's length remains, then the fading one; nothing after that, without a
 * chosen time, or in a variant without the nature bed (the listener turned the nature sounds off).
 * Every file counts its own minutes toward the chosen time.
 */
export function nextSleepItem(catalog: Catalog, state: PlaybackState): PlaybackState | undefined {
  const sounds = catalog.sleepSounds;
  const remaining = state.sleep ?? 0;
  if (!sounds || remaining <= 0 || state.segmentId === SLEEP_SOUNDS_FADE || state.variant.endsWith('-plain')) return undefined;
  const base = { ...state, attempt: 0 as const, clip: state.clip };
  const minutesOf = (file: { durationMs: number }) => Math.max(1, Math.round(file.durationMs / 60_000));
  // A time shorter than one file (only a hand-made token carries one) gets the fade alone: it ends softly.
  if (remaining <= minutesOf(sounds.loop)) return { ...base, segmentId: SLEEP_SOUNDS_FADE, sleep: undefined };
  const first = !isSleepSounds(state.segmentId) && sounds.rise;
  if (first) return { ...base, segmentId: SLEEP_SOUNDS_RISE, sleep: remaining - minutesOf(first) };
  return { ...base, segmentId: SLEEP_SOUNDS, sleep: remaining - minutesOf(sounds.loop) };
}
