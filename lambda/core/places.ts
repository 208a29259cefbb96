/**
 * Where a listener is and where they go next, from the facts alone: the device's place, the stored
 * one, the resume policy's answer, a fresh start in the listener's chosen variant. Pure.
 */
import type { Catalog } from '../playback/catalog';
import { firstItem, isPersonalClip, isPlayable, nextPart, partOf } from '../playback/plan';
import { variantFor } from '../playback/preferences';
import { resumePoint, type Progress } from '../playback/progress';
import { hasWakeWord } from '../sankalpa/phrase';
import type { ListenerRecord, Preferences, SankalpaRecord } from '../playback/record';
import { isPlayingNow, type Answer, type DevicePlace, type Facts, type Place } from './types';

/** The listener's sankalpa, when the practice may speak it into the room (no wake word in it). */
export function speakableSankalpa(record: ListenerRecord | undefined): SankalpaRecord | undefined {
  const sankalpa = record?.sankalpa;
  return sankalpa && !hasWakeWord(sankalpa.text) ? sankalpa : undefined;
}

/** The listener's personal clip key, when they have a speakable sankalpa with a rendered clip. */
export function clipOf(record: ListenerRecord | undefined): string {
  return speakableSankalpa(record)?.clipKey ?? '';
}

/** A fresh listening session starting at a part, with the sleep sounds chosen for after it. */
export function freshAt(variant: string, segmentId: string, clip: string, offsetMs = 0, sleep?: number): Place {
  return { variant, segmentId, attempt: 0, clip, offsetMs, ...(sleep ? { sleep } : {}) };
}

/** Minutes of sleep sounds after the practice: the listener's choice, unless the nature sounds are off (they win). */
export function sleepMinutesFor(preferences: Preferences | undefined): number | undefined {
  return preferences?.nature === false ? undefined : preferences?.sleepMinutes;
}

export function partTitle(catalog: Catalog, segmentId: string): string {
  return catalog.segments[partOf(segmentId)]?.title ?? 'the practice';
}

/**
 * Where "resume" picks up. The device's own place wins when it belongs to the listening session
 * the store last heard from (it is the freshest); if the store heard from a newer session (another
 * Echo), the store wins. Either way the resume policy decides the exact offset.
 */
export function resumePlace(facts: Facts): Place | undefined {
  const { device, record, catalog } = facts;
  const stored = record?.progress;
  const fromDevice = device !== undefined && (!stored || stored.nonce === device.nonce);
  const progress: Progress | undefined =
    device && fromDevice
      ? {
          variant: device.variant,
          segmentId: device.segmentId,
          offsetMs: device.offsetMs,
          state: stored?.state ?? 'paused',
          nonce: device.nonce,
          seq: stored?.seq ?? facts.nowMs * 10,
        }
      : stored;
  const point = resumePoint(catalog, progress, facts.nowMs);
  if (!point) return undefined;
  const place = freshAt(
    point.variant,
    point.segmentId,
    clipOf(record),
    point.offsetMs,
    fromDevice ? device.sleep : sleepMinutesFor(record?.preferences),
  );
  return fromDevice && device.person ? { ...place, person: device.person } : place;
}

/** The stored place to carry on from, or undefined when there is none (or it is finished). */
export function storedPlace(catalog: Catalog, record: ListenerRecord | undefined): Place | undefined {
  const progress = record?.progress;
  if (!progress || progress.state === 'completed') return undefined;
  if (!isPlayable(catalog, progress.variant, progress.segmentId)) return undefined;
  return freshAt(progress.variant, progress.segmentId, clipOf(record), progress.offsetMs, sleepMinutesFor(record?.preferences));
}

/** Where the listener is now: the device's place, else the stored one, else nowhere. */
export function currentPlace(facts: Facts): Place | undefined {
  return facts.device ?? storedPlace(facts.catalog, facts.record);
}

/** The variant a fresh practice plays for this listener now: their choices, and the clock for the ending. */
export function preferredVariant(facts: Facts): string {
  return variantFor(facts.catalog, facts.record?.preferences, facts.hour);
}

/** A fresh run from the top, as this listener has chosen to hear it, optionally after a sentence. */
export function startFresh(facts: Facts, speech?: string, clip = clipOf(facts.record)): Answer {
  const first = firstItem(facts.catalog, preferredVariant(facts), '', clip);
  return { play: freshAt(first.variant, first.segmentId, clip, 0, sleepMinutesFor(facts.record?.preferences)), speech, end: true };
}

/** Speak, then let the practice carry on; outside playback, keep listening when asked to. */
export function speakThenCarryOn(facts: Facts, speech: string, reprompt?: string): Answer {
  if (isPlayingNow(facts.device)) return { speech, play: carryOnFrom(facts.device), end: true };
  return reprompt ? { speech, reprompt } : { speech, end: true };
}

/** The device's own place, as it was: the same listening session. */
export function carryOnFrom(device: DevicePlace): Place {
  const { activity: _activity, ...place } = device;
  return place;
}

/** Where the practice was when a question began, if it was playing (to carry on when it ends). */
export function resumeIfPlaying(facts: Facts): Place | undefined {
  return isPlayingNow(facts.device) ? carryOnFrom(facts.device) : undefined;
}

/** The same place with the listener's current clip; a clip that no longer exists moves on to the next part. */
export function withClip(catalog: Catalog, place: Place, clip: string): Place | undefined {
  if (clip || !isPersonalClip(place.segmentId)) return { ...place, clip, attempt: 0 };
  const next = nextPart(catalog, place.variant, place.segmentId);
  return next ? { ...place, segmentId: next, offsetMs: 0, clip, attempt: 0 } : undefined;
}
