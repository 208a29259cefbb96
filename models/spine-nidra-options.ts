/**
 * What a listener can choose by voice, as changes to the standard order. Every combination is
 * rendered as its own variant; its id joins the chosen options' ids in this order
 * (`short-gentle-bedtime`), or is `standard` when none is chosen.
 */
import type { VariantOption } from './variants';

export const PRACTICE_OPTIONS: readonly VariantOption[] = [
  {
    id: 'short',
    title: 'the short practice',
    // 12-18 minutes: arrival, sankalpa, the whole spine rotation, the crown breath and the close.
    replace: { 'tension-release': [], 'softening-gentle': [], softening: [], 'body-scan': [], limbs: [], 'spine-breath': [], rest: [] },
  },
  { id: 'gentle', title: 'the gentle start', replace: { 'tension-release': ['softening-gentle'] } },
  { id: 'restful', title: 'the longer rest', replace: { rest: ['rest', 'rest-longer'] } },
  { id: 'bedtime', title: 'the bedtime ending', replace: { return: ['return-bedtime'] } },
];
