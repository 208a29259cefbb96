/**
 * Listener preferences as practice variants: pure. Which variant a listener's choices (and, for
 * an ending left to the clock, the local time) play; what a change means for a practice already
 * playing; how long each would last.
 */
import type { Preferences } from './record';
import type { Catalog } from './catalog';
import { partOf } from './plan';

/** The bedtime ending is chosen automatically from this local hour until EVENING_ENDS_HOUR. */
export const EVENING_STARTS_HOUR = 19;
export const EVENING_ENDS_HOUR = 5;
/** Speech is soft and brief from this local hour until EVENING_ENDS_HOUR. */
export const NIGHT_STARTS_HOUR = 21;

export const isEvening = (hour: number): boolean => hour >= EVENING_STARTS_HOUR || hour < EVENING_ENDS_HOUR;
export const isNight = (hour: number): boolean => hour >= NIGHT_STARTS_HOUR || hour < EVENING_ENDS_HOUR;

/** Whether the bedtime ending plays: the listener's choice, else the clock's. */
export function wantsBedtimeEnding(preferences: Preferences | undefined, localHour: number): boolean {
  if (preferences?.ending) return preferences.ending === 'bedtime';
  return isEvening(localHour);
}

/** The variant id for these choices: options in the model's order, `-plain` without nature sounds. */
export function variantFor(catalog: Catalog, preferences: Preferences | undefined, localHour: number): string {
  const options = [
    preferences?.length === 'short' && 'short',
    preferences?.gentle && 'gentle',
    preferences?.restful && 'restful',
    wantsBedtimeEnding(preferences, localHour) && 'bedtime',
  ].filter((option): option is string => typeof option === 'string');
  const content = options.join('-') || catalog.defaultVariant;
  const id = preferences?.nature === false ? `${content}-plain` : content;
  // A catalog without that variant (audio rendered before the option existed) plays the standard one.
  if (Object.hasOwn(catalog.variants, id)) return id;
  return Object.hasOwn(catalog.variants, content) ? content : catalog.defaultVariant;
}

/**
 * The variant a practice already playing moves to after a change: the new one when it plays the
 * same item (so nothing is lost mid-sentence), else the current one until the next practice.
 */
export function variantToCarryOn(catalog: Catalog, current: string, preferred: string, segmentId: string): { variant: string; moved: boolean } {
  if (preferred === current) return { variant: current, moved: false };
  if ((catalog.variants[preferred] ?? []).includes(partOf(segmentId))) return { variant: preferred, moved: true };
  return { variant: current, moved: false };
}

export function variantDurationMs(catalog: Catalog, variant: string): number {
  return (catalog.variants[variant] ?? []).reduce((sum, id) => sum + (catalog.segments[id]?.durationMs ?? 0), 0);
}
