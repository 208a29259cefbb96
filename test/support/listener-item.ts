/** What a stored listener item may look like; anything else means a request left it broken. */
import type { Catalog } from '../../lambda/playback/catalog';
import { isPlayable } from '../../lambda/playback/plan';
import { SLEEP_MINUTE_CHOICES } from '../../lambda/playback/sleep-sounds';
import { hasWakeWord, MAX_SANKALPA_CHARS } from '../../lambda/sankalpa/phrase';

const KNOWN = new Set([
  'pk',
  'progress',
  'progressSeq',
  'sankalpa',
  'startedCount',
  'completedCount',
  'lastCompletedAt',
  'expiresAt',
  'preferences',
  'practiceStarts',
  'people',
  'bedtimeOffer',
]);
const isCount = (value: unknown) => value === undefined || (Number.isInteger(value) && (value as number) >= 0);
const isIso = (value: unknown) => typeof value === 'string' && Number.isFinite(Date.parse(value));

export function itemProblems(catalog: Catalog, item: Record<string, unknown>, nowMs = Date.now()): string[] {
  const problems: string[] = [];
  // No event may claim to be from further ahead than the skill allows a device clock to be.
  if (typeof item.progressSeq === 'number' && item.progressSeq > (nowMs + 5 * 60_000) * 10 + 9) problems.push('progressSeq in the future');
  for (const name of Object.keys(item)) if (!KNOWN.has(name)) problems.push(`unknown attribute ${name}`);
  if (typeof item.pk !== 'string' || !/^listener#[0-9a-f]{40}$/.test(item.pk)) problems.push('pk is not a hashed listener key');
  const progress = item.progress as Record<string, unknown> | undefined;
  if (progress !== undefined) {
    const { variant, segmentId, offsetMs, state, nonce, seq } = progress;
    if (typeof variant !== 'string' || typeof segmentId !== 'string' || !isPlayable(catalog, variant, segmentId))
      problems.push('progress names no playable item');
    if (!Number.isInteger(offsetMs) || (offsetMs as number) < 0) problems.push(`progress offset ${String(offsetMs)}`);
    const durationMs = typeof segmentId === 'string' ? catalog.segments[segmentId]?.durationMs : undefined;
    if (durationMs !== undefined && (offsetMs as number) > durationMs) problems.push('progress offset past the end of its segment');
    if (!['playing', 'paused', 'completed'].includes(state as string)) problems.push(`progress state ${String(state)}`);
    if (typeof nonce !== 'string' || !/^[a-z0-9]{4,16}$/.test(nonce)) problems.push('progress nonce');
    if (!Number.isSafeInteger(seq) || seq !== item.progressSeq) problems.push('progress seq does not match progressSeq');
  } else if (item.progressSeq !== undefined && !Number.isSafeInteger(item.progressSeq)) {
    problems.push('progressSeq');
  }
  const sankalpa = item.sankalpa as Record<string, unknown> | undefined;
  if (sankalpa !== undefined) {
    const { text, setAt, clipKey } = sankalpa;
    if (typeof text !== 'string' || !text.trim() || text.length > MAX_SANKALPA_CHARS) problems.push('sankalpa text');
    if (typeof text === 'string' && hasWakeWord(text)) problems.push('sankalpa with a wake word');
    if (!isIso(setAt)) problems.push('sankalpa setAt');
    if (clipKey !== undefined && (typeof clipKey !== 'string' || !/^[a-f0-9]{16}$/.test(clipKey))) problems.push('sankalpa clipKey');
  }
  if (!isCount(item.startedCount) || !isCount(item.completedCount)) problems.push('counts');
  const preferences = item.preferences as Record<string, unknown> | undefined;
  if (preferences !== undefined) {
    const allowed: Record<string, unknown[]> = {
      gentle: [true],
      nature: [false],
      length: ['short'],
      ending: ['bedtime', 'daytime'],
      restful: [true],
      // The choices the SLEEP_DURATION slot offers (playback/sleep-sounds.ts).
      sleepMinutes: [...SLEEP_MINUTE_CHOICES],
    };
    for (const [name, value] of Object.entries(preferences)) if (!allowed[name]?.includes(value)) problems.push(`preference ${name}`);
  }
  const starts = item.practiceStarts as Set<number> | undefined;
  if (starts !== undefined && ![...starts].every((sec) => Number.isSafeInteger(sec) && sec > 0)) problems.push('practiceStarts');
  const people = item.people as Set<string> | undefined;
  if (people !== undefined && ![...people].every((key) => /^listener#[0-9a-f]{40}$/.test(key))) problems.push('people');
  if (item.lastCompletedAt !== undefined && !isIso(item.lastCompletedAt)) problems.push('lastCompletedAt');
  return problems;
}
