/** Turning what a listener said ("the lower back") into a place in the practice. */
import { NAVIGATION_TARGETS } from '../../models/navigation-targets';

export function normalizeSpoken(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z' ]+/g, ' ')
    .replace(/^\s*(the|my)\s+/, '')
    .replace(/\s+(part|section|bit)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The navigation target id for a spoken name or id, or undefined when nothing matches. */
export function matchTarget(spoken: string | undefined): string | undefined {
  if (!spoken) return undefined;
  const wanted = normalizeSpoken(spoken);
  if (!wanted) return undefined;
  const byName = NAVIGATION_TARGETS.find((target) => target.id === wanted || target.names.some((name) => normalizeSpoken(name) === wanted));
  return byName?.id;
}

export function isTargetId(id: string | undefined): boolean {
  return id !== undefined && NAVIGATION_TARGETS.some((target) => target.id === id);
}
