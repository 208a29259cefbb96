/**
 * Variants of a practice, all made from one model: the standard order, orders with segments swapped
 * (the gentle start, the bedtime ending), each delivered with and without the nature ambience.
 * The renderer writes every delivered variant's segment order into the manifest; the skill picks one.
 */
import type { Practice, PracticeVariant, Segment } from './practice-types';

export const STANDARD_VARIANT = 'standard';

/** Variant ids travel inside AudioPlayer tokens (`|`-separated): keep them plain. */
export const VARIANT_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What plays under the voice. `forest` is the default (listeners loved the nature bed). */
export type AmbienceId = 'forest' | 'none';

export interface AmbienceMix {
  ambience: AmbienceId;
  /** Appended to a content variant's id: `standard` + `-plain` = `standard-plain`. */
  suffix: string;
}

/** Every content variant is delivered in each of these mixes; the first is the default. */
export const AMBIENCE_MIXES: readonly AmbienceMix[] = [
  { ambience: 'forest', suffix: '' },
  { ambience: 'none', suffix: '-plain' },
];

export interface ContentVariant {
  id: string;
  title: string;
  /** Segment ids in playing order. */
  sequence: string[];
}

export interface DeliveredVariant {
  /** e.g. `bedtime-plain`. */
  id: string;
  /** The content variant it plays, e.g. `bedtime`. */
  contentId: string;
  ambience: AmbienceId;
  sequence: string[];
}

/** One choice a listener can make, as replacements in the standard order (see PracticeVariant). */
export interface VariantOption {
  id: string;
  title: string;
  replace: Readonly<Record<string, readonly string[]>>;
}

/**
 * Every combination of the options, as practice variants. Ids join the chosen options in the given
 * order; replacements apply in reverse order, so the first option (the one that leaves parts out)
 * sees what the others put in and can leave that out too.
 */
export function composeVariants(options: readonly VariantOption[]): PracticeVariant[] {
  const combinations = options.reduce<VariantOption[][]>((sets, option) => [...sets, ...sets.map((set) => [...set, option])], [[]]);
  const introduced = new Set(options.flatMap((option) => Object.values(option.replace).flat()));
  return combinations
    .filter((set) => set.length > 0)
    .map((set) => {
      const originals = [...new Set(set.flatMap((option) => Object.keys(option.replace)))].filter(
        (id) => !introduced.has(id) || options.some((o) => o.replace[id]?.includes(id)),
      );
      const replace = Object.fromEntries(
        originals.map((id) => [
          id,
          [...set].reverse().reduce<string[]>((ids, option) => ids.flatMap((each) => option.replace[each] ?? [each]), [id]),
        ]),
      );
      const titles = set.map((option) => option.title);
      const title = titles.length === 1 ? titles[0] : `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
      return { id: set.map((option) => option.id).join('-'), title, replace };
    });
}

/** Every segment of the model: each section's standard segments, then its alternates. */
export function allSegments(practice: Practice): Segment[] {
  return practice.sections.flatMap((section) => [...section.segments, ...(section.alternates ?? [])]);
}

/** The standard playing order: every section's `segments`, in order. */
export function standardSequence(practice: Practice): string[] {
  return practice.sections.flatMap((section) => section.segments.map((segment) => segment.id));
}

/**
 * The standard order first, then each declared variant with its replacements applied. Throws on
 * anything the skill could not rely on: bad ids, replacing what the standard order lacks, playing
 * a segment twice, or an alternate no variant plays.
 */
export function contentVariants(practice: Practice): ContentVariant[] {
  const standard = standardSequence(practice);
  const known = new Set(allSegments(practice).map((segment) => segment.id));
  const result: ContentVariant[] = [{ id: STANDARD_VARIANT, title: 'the standard practice', sequence: standard }];
  for (const variant of practice.variants ?? []) {
    const where = `variant "${variant.id}"`;
    if (!VARIANT_ID_PATTERN.test(variant.id)) throw new Error(`${where}: id must match ${VARIANT_ID_PATTERN}`);
    if (result.some((other) => other.id === variant.id)) throw new Error(`${where}: duplicate variant id`);
    for (const [replaced, by] of Object.entries(variant.replace)) {
      if (!standard.includes(replaced)) throw new Error(`${where}: replaces "${replaced}", which the standard order does not play`);
      const unknown = by.find((id) => !known.has(id));
      if (unknown) throw new Error(`${where}: unknown segment "${unknown}"`);
    }
    const sequence = standard.flatMap((id) => variant.replace[id] ?? [id]);
    if (new Set(sequence).size !== sequence.length) throw new Error(`${where}: plays a segment twice`);
    if (sequence.length === 0) throw new Error(`${where}: plays nothing`);
    result.push({ id: variant.id, title: variant.title, sequence });
  }
  const played = new Set(result.flatMap((variant) => variant.sequence));
  const unplayed = [...known].filter((id) => !played.has(id));
  if (unplayed.length) throw new Error(`segments no variant plays: ${unplayed.join(', ')}`);
  return result;
}

/** Every content variant in every ambience mix, default mix first: `standard`, `gentle`, ..., `standard-plain`, ... */
export function deliveredVariants(practice: Practice, mixes: readonly AmbienceMix[] = AMBIENCE_MIXES): DeliveredVariant[] {
  const content = contentVariants(practice);
  return mixes.flatMap((mix) =>
    content.map((variant) => ({
      id: `${variant.id}${mix.suffix}`,
      contentId: variant.id,
      ambience: mix.ambience,
      sequence: variant.sequence,
    })),
  );
}
