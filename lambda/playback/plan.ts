/**
 * What plays next, what "next", "previous" and "skip to" mean, and how much is left: pure
 * functions over the catalog and the state a token carries.
 */
import type { Catalog, CatalogSegment } from './catalog';
import { isSleepSounds, sleepSoundsFile } from './sleep-sounds';
import type { PlaybackState } from './token';

/** The personal sankalpa clip plays right after these segments, under these queue ids. */
export const PERSONAL_CLIP_AFTER: Readonly<Record<string, string>> = {
  sankalpa: 'sankalpa-personal',
  'closing-sankalpa': 'closing-sankalpa-personal',
};
const CLIP_IDS = new Set(Object.values(PERSONAL_CLIP_AFTER));

/** Within this much of a part's start, "previous" goes to the part before; later, it restarts this one. */
export const PREVIOUS_RESTARTS_AFTER_MS = 15_000;

export function isPersonalClip(segmentId: string): boolean {
  return CLIP_IDS.has(segmentId);
}

/** A variant's segment ids in order; empty for a variant the catalog does not have. */
export function variantOrder(catalog: Catalog, variant: string): readonly string[] {
  return Object.hasOwn(catalog.variants, variant) ? catalog.variants[variant] : [];
}

/** Segment ids in playing order, with the listener's clip after each sankalpa segment when they have one. */
export function playOrder(catalog: Catalog, variant: string, clip: string): string[] {
  const order = variantOrder(catalog, variant);
  if (!clip) return [...order];
  return order.flatMap((id) => (PERSONAL_CLIP_AFTER[id] ? [id, PERSONAL_CLIP_AFTER[id]] : [id]));
}

export function isPlayable(catalog: Catalog, variant: string, segmentId: string): boolean {
  const order = variantOrder(catalog, variant);
  if (isSleepSounds(segmentId)) return order.length > 0 && sleepSoundsFile(catalog, segmentId) !== undefined;
  if (order.includes(segmentId)) return true;
  return Object.entries(PERSONAL_CLIP_AFTER).some(([after, clipId]) => clipId === segmentId && order.includes(after));
}

export function firstItem(catalog: Catalog, variant: string, nonce: string, clip: string): PlaybackState {
  return { variant, segmentId: catalog.variants[variant][0], nonce, attempt: 0, clip };
}

/** The item that follows in the same listening session, or undefined at the end of the practice. */
export function nextItem(catalog: Catalog, state: PlaybackState): PlaybackState | undefined {
  const order = playOrder(catalog, state.variant, state.clip);
  const at = order.indexOf(state.segmentId);
  // A personal clip without its key is not in the order: carry on after the part it belongs to.
  const index = at >= 0 ? at : order.indexOf(partOf(state.segmentId));
  if (index < 0) return undefined;
  const next = order[index + 1];
  return next ? { ...state, segmentId: next, attempt: 0 } : undefined;
}

/**
 * The place itself when a device can play it; otherwise the next item that it can. A personal
 * clip needs its key (a forgotten or cleared sankalpa has none), and an offset at or past the end
 * of a file means that file is done. Undefined when nothing is left to play.
 */
export function playablePlace<T extends PlaybackState & { offsetMs: number }>(catalog: Catalog, place: T): T | undefined {
  let current: T | undefined = place;
  while (current) {
    const personal = isPersonalClip(current.segmentId);
    const durationMs = catalog.segments[current.segmentId]?.durationMs;
    const pastTheEnd = durationMs !== undefined && current.offsetMs >= durationMs;
    if (!(personal && !current.clip) && !pastTheEnd) return current;
    const next = nextItem(catalog, current);
    current = next && { ...current, ...next, offsetMs: 0 };
  }
  return undefined;
}

/** The navigable part an item belongs to: a clip belongs to the sankalpa segment it follows. */
export function partOf(segmentId: string): string {
  const owner = Object.entries(PERSONAL_CLIP_AFTER).find(([, clipId]) => clipId === segmentId);
  return owner ? owner[0] : segmentId;
}

/** Start of the next part (section, or one of the spine rotation's four parts); undefined after the last. */
export function nextPart(catalog: Catalog, variant: string, segmentId: string): string | undefined {
  const order = variantOrder(catalog, variant);
  return order[order.indexOf(partOf(segmentId)) + 1];
}

/** "Previous": early in a part goes to the part before; later it restarts the current part. */
export function previousPart(catalog: Catalog, variant: string, segmentId: string, offsetMs: number): string {
  const order = variantOrder(catalog, variant);
  const part = partOf(segmentId);
  const index = order.indexOf(part);
  const intoPart = isPersonalClip(segmentId) ? Number.POSITIVE_INFINITY : offsetMs;
  if (intoPart > PREVIOUS_RESTARTS_AFTER_MS || index <= 0) return order[Math.max(index, 0)];
  return order[index - 1];
}

/**
 * Where "skip to <target>" lands: a section id starts that section's first segment in the
 * variant; a segment id starts that segment. Undefined when the variant does not contain it.
 */
export function startOfTarget(catalog: Catalog, variant: string, targetId: string): string | undefined {
  const order = variantOrder(catalog, variant);
  if (order.includes(targetId)) return targetId;
  return order.find((id) => catalog.segments[id].sectionId === targetId);
}

export function segmentInfo(catalog: Catalog, segmentId: string): CatalogSegment | undefined {
  return catalog.segments[partOf(segmentId)];
}

/** Milliseconds left in the practice from a position. Personal clips are short and not counted. */
export function timeLeftMs(catalog: Catalog, variant: string, segmentId: string, offsetMs: number): number {
  const order = variantOrder(catalog, variant);
  const index = order.indexOf(partOf(segmentId));
  if (index < 0) return 0;
  const rest = order.slice(index).reduce((sum, id) => sum + catalog.segments[id].durationMs, 0);
  const played = isPersonalClip(segmentId) ? catalog.segments[order[index]].durationMs : offsetMs;
  return Math.max(0, rest - played);
}
