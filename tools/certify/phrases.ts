/**
 * Does the interaction model hear a phrase? Amazon's rule for example phrases: each must match a
 * sample utterance, with any slot value one the slot type lists. Phrases are compared as speech:
 * lower case, punctuation other than apostrophes dropped.
 */
import type { LanguageModel } from './skill-package-files';

export const normalizeSpeech = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Heard {
  intent: string;
  sample: string;
  slots: Record<string, string>;
}

/** The words a custom slot type accepts (values and synonyms), or undefined for a built-in AMAZON type. */
function slotWords(model: LanguageModel, type: string): Set<string> | undefined {
  const custom = model.types?.find((t) => t.name === type);
  if (!custom) return undefined;
  return new Set(custom.values.flatMap((v) => [v.name.value, ...(v.name.synonyms ?? [])]).map(normalizeSpeech));
}

/** The first sample utterance that hears `utterance`, with its slot values, or undefined. */
export function findSample(model: LanguageModel, utterance: string): Heard | undefined {
  const spoken = normalizeSpeech(utterance);
  for (const intent of model.intents) {
    for (const sample of intent.samples ?? []) {
      const names: string[] = [];
      const pattern = normalizeSpeechKeepingSlots(sample).replace(/\{([A-Za-z_]+)\}|[^{]+/g, (part, slot: string | undefined) => {
        if (!slot) return escapeRegExp(part);
        names.push(slot);
        return '(.+?)';
      });
      const match = new RegExp(`^${pattern}$`).exec(spoken);
      if (!match) continue;
      const slots = Object.fromEntries(names.map((name, index) => [name, match[index + 1]]));
      const fits = names.every((name) => {
        const type = intent.slots?.find((slot) => slot.name === name)?.type;
        if (!type) return false;
        // A built-in type (AMAZON.SearchQuery, AMAZON.NUMBER...) cannot be listed offline: any words fill it.
        const words = slotWords(model, type);
        return words === undefined ? slots[name].length > 0 : words.has(slots[name]);
      });
      if (fits) return { intent: intent.name, sample, slots };
    }
  }
  return undefined;
}

function normalizeSpeechKeepingSlots(sample: string): string {
  return sample
    .split(/(\{[A-Za-z_]+\})/)
    .map((part) => (part.startsWith('{') ? part : normalizeSpeech(part) && ` ${normalizeSpeech(part)} `))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

export type ExamplePhrase =
  | { kind: 'launch' }
  /** What reaches the skill, in the ways it may be heard ("to skip to ..." or "skip to ..."). */
  | { kind: 'request'; utterances: string[] }
  | { kind: 'malformed'; reason: string };

const LAUNCH_VERBS = ['open', 'start', 'launch', 'begin'];

/** "Alexa, open spine nidra" or "Alexa, ask spine nidra (to) <utterance>", as Amazon documents them. */
export function parseExamplePhrase(phrase: string, invocationName: string): ExamplePhrase {
  if (!/^Alexa, /.test(phrase)) return { kind: 'malformed', reason: 'does not start with "Alexa, "' };
  const words = normalizeSpeech(phrase.slice('Alexa, '.length));
  const invocation = normalizeSpeech(invocationName);
  for (const verb of LAUNCH_VERBS) if (words === `${verb} ${invocation}`) return { kind: 'launch' };
  for (const verb of ['ask', 'tell']) {
    const prefix = `${verb} ${invocation} `;
    if (!words.startsWith(prefix)) continue;
    const rest = words.slice(prefix.length);
    // "ask spine nidra to skip to ..." and "ask spine nidra how much ..." are both how people say it.
    return { kind: 'request', utterances: rest.startsWith('to ') ? [rest.slice(3), rest] : [rest] };
  }
  return { kind: 'malformed', reason: `is neither "Alexa, open ${invocation}" nor "Alexa, ask ${invocation} to ..."` };
}
