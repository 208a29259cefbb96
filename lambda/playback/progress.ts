/**
 * A listener's saved place and the resume policy. Pure: the store persists `Progress`, the
 * handlers ask `resumePoint` where to pick up.
 */
import type { Catalog } from './catalog';
import { isPlayable, partOf } from './plan';

export type ProgressState = 'playing' | 'paused' | 'completed';

export interface Progress {
  variant: string;
  segmentId: string;
  offsetMs: number;
  state: ProgressState;
  nonce: string;
  /** Order key of the event that wrote it (see eventOrder); newer events have larger keys. */
  seq: number;
}

export interface ResumePoint {
  variant: string;
  segmentId: string;
  offsetMs: number;
}

/**
 * Resume policy. Paused within the last half hour: the exact place, ten seconds earlier so
 * the listener hears the thread again. Longer ago: the start of the part they were in, because
 * the middle of a cue means nothing after a night's sleep.
 */
export const EXACT_RESUME_WINDOW_MS = 30 * 60_000;
export const RESUME_REWIND_MS = 10_000;

/** Events within the same request second are ordered by what normally follows what. */
const EVENT_RANK = {
  PlaybackStopped: 1,
  PlaybackFailed: 2,
  PlaybackFinished: 3,
  PlaybackStarted: 4,
} as const;
export type ProgressEvent = keyof typeof EVENT_RANK;

/**
 * Order key for an event: request time, then rank. Alexa timestamps often have one-second
 * resolution, and a skip sends Stopped(old) and Started(new) in the same second.
 */
export function eventOrder(timestamp: string, event: ProgressEvent, nowMs = Number.POSITIVE_INFINITY): number | undefined {
  const ms = Date.parse(timestamp);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  // A clock far ahead would make one event "newer" than every real one for years: no later than now allows.
  return Math.min(ms, nowMs + MAX_CLOCK_AHEAD_MS) * 10 + EVENT_RANK[event];
}

/** How far ahead of the skill's clock a device's timestamp may be and still count as given. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/**
 * Order key for erasing a listener: after every event of the same moment, so none of the
 * listener's earlier events, however late they arrive, is newer than the erasure.
 */
export function forgetOrder(timestamp: string | undefined, nowMs: number): number {
  const ms = Date.parse(timestamp ?? '');
  const at = Number.isFinite(ms) ? Math.min(Math.max(ms, nowMs), nowMs + MAX_CLOCK_AHEAD_MS) : nowMs;
  return at * 10 + 9;
}

/**
 * The order keys of the request second `seq` falls in, first to last: what "the same second" means
 * to both the rule (`supersedes`) and the store's condition. Within one second, rank alone would
 * drop a pause that follows its own PlaybackStarted; both let such an event through when it is for
 * the same item (nonce and segment) at a later offset.
 */
export function sameSecond(seq: number): { first: number; last: number } {
  const first = Math.floor(seq / 10_000) * 10_000;
  return { first, last: first + 9_999 };
}

/**
 * Whether `incoming` is newer than what is stored, whatever order events arrive in. Different
 * seconds: the later one. Within one second, for the same item (nonce and segment), the later
 * offset, and at the same offset anything after its own PlaybackStarted; for different items, the
 * event rank. The store's conditional write (store/listener-table.ts) is this function in DynamoDB's terms.
 */
export function supersedes(stored: Progress | undefined, incoming: Progress): boolean {
  if (!stored) return true;
  const second = sameSecond(incoming.seq);
  if (stored.seq < second.first) return true;
  if (stored.seq > second.last) return false;
  const sameItem = stored.nonce === incoming.nonce && stored.segmentId === incoming.segmentId;
  if (!sameItem) return stored.seq < incoming.seq;
  if (stored.offsetMs !== incoming.offsetMs) return stored.offsetMs < incoming.offsetMs;
  return stored.state === 'playing' ? incoming.state !== 'playing' : stored.seq < incoming.seq && incoming.state !== 'playing';
}

export function eventTimeMs(seq: number): number {
  return Math.floor(seq / 10);
}

/** An offset a device reported, made storable: a whole number of ms within the item's file. */
export function storableOffset(catalog: Catalog, segmentId: string, reportedMs: unknown): number {
  const ms = typeof reportedMs === 'number' && Number.isFinite(reportedMs) ? Math.round(reportedMs) : 0;
  const durationMs = catalog.segments[segmentId]?.durationMs ?? Number.MAX_SAFE_INTEGER;
  return Math.min(Math.max(0, ms), durationMs);
}

export function isUnfinished(progress: Progress | undefined): progress is Progress {
  return progress !== undefined && progress.state !== 'completed';
}

/** Where to pick up, or undefined when the listener should start from the beginning. */
export function resumePoint(catalog: Catalog, progress: Progress | undefined, nowMs: number): ResumePoint | undefined {
  if (!isUnfinished(progress) || !isPlayable(catalog, progress.variant, progress.segmentId)) return undefined;
  const ageMs = nowMs - eventTimeMs(progress.seq);
  if (ageMs <= EXACT_RESUME_WINDOW_MS) {
    return {
      variant: progress.variant,
      segmentId: progress.segmentId,
      offsetMs: Math.max(0, progress.offsetMs - RESUME_REWIND_MS),
    };
  }
  return { variant: progress.variant, segmentId: partOf(progress.segmentId), offsetMs: 0 };
}
