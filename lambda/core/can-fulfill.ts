/**
 * Answers to CanFulfillIntentRequest: Alexa (and Alexa+ above all) asks whether this skill could
 * serve an utterance before routing it here. YES for the skill's own intents with slots it
 * understands; MAYBE where a slot is missing or not understood (a question would follow); NO for
 * intents that are not the skill's. Pure: it reads no store and changes nothing.
 */
import type { canfulfill } from 'ask-sdk-model';
import { BUILT_IN_INTENT_NAMES, CUSTOM_INTENT_NAMES } from '../../models/intents';
import { isTargetId, matchTarget } from '../playback/targets';
import { checkSankalpa } from '../sankalpa/phrase';

export interface AskedSlot {
  value?: string;
  /** Entity resolution's first matched id, when Alexa matched the slot type. */
  resolvedId?: string;
}

type SlotAnswer = canfulfill.CanFulfillSlot;
type Verdict = canfulfill.CanFulfillIntentValues;

const OWN = new Set<string>([...CUSTOM_INTENT_NAMES, ...BUILT_IN_INTENT_NAMES]);

/** How each slot the skill declares is understood; undefined for a slot it does not have. */
function slotAnswer(intent: string, slot: string, asked: AskedSlot): SlotAnswer | undefined {
  const understood: SlotAnswer = { canUnderstand: 'YES', canFulfill: 'YES' };
  const notUnderstood: SlotAnswer = { canUnderstand: 'NO', canFulfill: 'NO' };
  if (intent === 'SkipToSectionIntent' && slot === 'section') {
    return isTargetId(asked.resolvedId) || matchTarget(asked.value) ? understood : notUnderstood;
  }
  if (intent === 'SetSankalpaIntent' && slot === 'phrase') {
    // Any words are understood; only an intention the skill would keep can be fulfilled as said.
    return asked.value ? { canUnderstand: 'YES', canFulfill: checkSankalpa(asked.value).ok ? 'YES' : 'NO' } : notUnderstood;
  }
  if (intent === 'PickIdeaIntent' && slot === 'choice') {
    // A pick answers an ideas question, which a fresh request has not heard yet.
    return asked.value || asked.resolvedId ? { canUnderstand: 'YES', canFulfill: 'NO' } : notUnderstood;
  }
  return undefined;
}

export function canFulfillIntent(intent: string, slots: Record<string, AskedSlot>): { canFulfill: Verdict; slots?: Record<string, SlotAnswer> } {
  if (!OWN.has(intent)) return { canFulfill: 'NO' };
  const answers = Object.entries(slots).map(
    ([name, asked]) => [name, slotAnswer(intent, name, asked) ?? { canUnderstand: 'NO', canFulfill: 'NO' }] as const,
  );
  const needsSlot = intent === 'SkipToSectionIntent' || intent === 'SetSankalpaIntent' || intent === 'PickIdeaIntent';
  const allFulfilled = answers.every(([, answer]) => answer.canFulfill === 'YES');
  const verdict: Verdict = (needsSlot && answers.length === 0) || !allFulfilled ? 'MAYBE' : 'YES';
  return answers.length ? { canFulfill: verdict, slots: Object.fromEntries(answers) } : { canFulfill: verdict };
}
