/**
 * A small stand-in for Alexa's language understanding, for the local device simulator: typed text
 * is resolved against the skill's own interaction model (sample utterances, custom slot values and
 * synonyms, AMAZON.SearchQuery) plus the usual phrases of the AMAZON built-in intents. Pure and
 * generic over the model, so new intents and slots work without touching this file.
 */
import { BUILT_IN_PHRASES } from './built-in-phrases';

export interface ModelIntent {
  name: string;
  slots?: ReadonlyArray<{ name: string; type: string }>;
  samples?: readonly string[];
}

export interface ModelSlotType {
  name: string;
  values: ReadonlyArray<{ id?: string; name: { value: string; synonyms?: readonly string[] } }>;
}

export interface InteractionModel {
  interactionModel: {
    languageModel: { invocationName: string; intents: readonly ModelIntent[]; types?: readonly ModelSlotType[] };
  };
}

/** A slot as Alexa sends it, including entity resolution for custom slot types. */
export interface UnderstoodSlot {
  name: string;
  value?: string;
  confirmationStatus: 'NONE';
  source?: 'USER';
  resolutions?: {
    resolutionsPerAuthority: Array<{
      authority: string;
      status: { code: 'ER_SUCCESS_MATCH' | 'ER_SUCCESS_NO_MATCH' };
      values?: Array<{ value: { name: string; id: string } }>;
    }>;
  };
}

export type Understanding =
  | { kind: 'launch'; heard: string }
  | {
      kind: 'intent';
      heard: string;
      intent: { name: string; confirmationStatus: 'NONE'; slots: Record<string, UnderstoodSlot> };
      /** How it matched: a model sample (quoted), a built-in phrase, or nothing (fallback). */
      via: string;
      /** "ask <invocation> to ..." was said; without it a real Echo sends custom intents elsewhere. */
      withInvocation: boolean;
      builtIn: boolean;
    }
  | { kind: 'none'; heard: string; reason: string };

export interface UnderstandContext {
  /** The practice is playing: "stop" then arrives as PauseIntent, as on a real Echo. */
  playing?: boolean;
  /** A session is open: "play spine nidra" is then the skill's own sample, not a new launch. */
  inSession?: boolean;
  /** The skill's last answer was Dialog.ElicitSlot: what is said next fills that slot. */
  elicit?: { intent: string; slot: string };
}

interface CompiledSample {
  intent: string;
  sample: string;
  pattern: RegExp;
  slotNames: string[];
  literalLength: number;
}

interface Candidate {
  intent: string;
  via: string;
  slots: Record<string, UnderstoodSlot>;
  unresolved: number;
  literalLength: number;
}

const LAUNCH_VERBS = '(?:open|start|launch|begin|load|run|play|use|talk to|ask|tell)';
const ONE_SHOT_VERBS = '(?:ask|tell|open|launch|start|use|have|talk to)';
const ONE_SHOT_JOINERS = '(?:to |for |about |if |whether |that |me )?';

/** Lowercase words, digits and apostrophes, single-spaced: roughly what Alexa's transcript looks like. */
export function normalizeUtterance(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function createNlu(model: InteractionModel, options: { skillId?: string } = {}) {
  const language = model.interactionModel.languageModel;
  const invocation = normalizeUtterance(language.invocationName);
  const intents = new Map(language.intents.map((intent) => [intent.name, intent]));
  const types = new Map((language.types ?? []).map((type) => [type.name, valueIndex(type)]));
  const samples = language.intents.flatMap((intent) => (intent.samples ?? []).map((sample) => compileSample(intent.name, sample)));
  const authorityPrefix = `amzn1.er-authority.echo-sdk.${options.skillId ?? 'amzn1.ask.skill.local-simulator'}`;
  const inv = escapeRegExp(invocation);
  const launchPattern = new RegExp(`^(?:${LAUNCH_VERBS} )?(?:the )?${inv}(?: skill)?$`);
  const oneShotPatterns = [new RegExp(`^${ONE_SHOT_VERBS} ${inv} ${ONE_SHOT_JOINERS}(.+)$`), new RegExp(`^(.+?) (?:with|using|on|from|in) ${inv}$`)];

  function slotsOf(intentName: string, captured: Record<string, string>): { slots: Record<string, UnderstoodSlot>; unresolved: number } {
    const slots: Record<string, UnderstoodSlot> = {};
    let unresolved = 0;
    for (const slot of intents.get(intentName)?.slots ?? []) {
      const value = captured[slot.name];
      if (value === undefined) {
        slots[slot.name] = { name: slot.name, confirmationStatus: 'NONE' };
        continue;
      }
      const filled: UnderstoodSlot = { name: slot.name, value, confirmationStatus: 'NONE', source: 'USER' };
      const index = types.get(slot.type);
      if (index) {
        const match = resolveValue(index, value);
        if (!match) unresolved += 1;
        filled.resolutions = {
          resolutionsPerAuthority: [
            match
              ? { authority: `${authorityPrefix}.${slot.type}`, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: match }] }
              : { authority: `${authorityPrefix}.${slot.type}`, status: { code: 'ER_SUCCESS_NO_MATCH' } },
          ],
        };
      }
      slots[slot.name] = filled;
    }
    return { slots, unresolved };
  }

  function candidatesFor(text: string, context: UnderstandContext): Candidate[] {
    const found: Candidate[] = [];
    for (const sample of samples) {
      const match = sample.pattern.exec(text);
      if (!match) continue;
      const captured = Object.fromEntries(sample.slotNames.map((name, i) => [name, match[i + 1].trim()]));
      const { slots, unresolved } = slotsOf(sample.intent, captured);
      // A bare "{slot}" sample would swallow every sentence; Alexa only takes it for a known value.
      if (unresolved > 0 && sample.literalLength === 0) continue;
      found.push({ intent: sample.intent, via: `sample "${sample.sample}"`, slots, unresolved, literalLength: sample.literalLength });
    }
    for (const [intentName, phrases] of Object.entries(BUILT_IN_PHRASES)) {
      if (!intents.has(intentName) || !phrases.includes(text)) continue;
      found.push({
        intent: intentName,
        via: `built-in phrase "${text}"`,
        slots: slotsOf(intentName, {}).slots,
        unresolved: 0,
        literalLength: text.length,
      });
    }
    // "Alexa, stop" during playback reaches an AudioPlayer skill as a pause.
    if (context.playing && intents.has('AMAZON.PauseIntent')) {
      for (const candidate of found) if (candidate.intent === 'AMAZON.StopIntent') candidate.intent = 'AMAZON.PauseIntent';
    }
    return found.sort((a, b) => a.unresolved - b.unresolved || b.literalLength - a.literalLength);
  }

  function understand(said: string, context: UnderstandContext = {}): Understanding {
    const heard = normalizeUtterance(said).replace(/^(?:alexa|echo|computer) /, '');
    if (!heard) return { kind: 'none', heard, reason: 'nothing was said' };
    const inSessionSample =
      context.inSession && candidatesFor(heard, context).some((candidate) => candidate.via.startsWith('sample') && candidate.unresolved === 0);
    if (launchPattern.test(heard) && !inSessionSample) return { kind: 'launch', heard };
    const elicited = context.elicit && fillElicitedSlot(heard, context.elicit);
    if (elicited) return elicited;
    let request = heard;
    let withInvocation = false;
    for (const pattern of oneShotPatterns) {
      const match = pattern.exec(heard);
      if (match) {
        request = match[1];
        withInvocation = true;
        break;
      }
    }
    const best = candidatesFor(request, context)[0];
    const intentOf = (name: string, slots: Record<string, UnderstoodSlot>) => ({ name, confirmationStatus: 'NONE' as const, slots });
    if (best) {
      return {
        kind: 'intent',
        heard,
        intent: intentOf(best.intent, best.slots),
        via: best.via,
        withInvocation,
        builtIn: best.intent.startsWith('AMAZON.'),
      };
    }
    if (intents.has('AMAZON.FallbackIntent')) {
      return { kind: 'intent', heard, intent: intentOf('AMAZON.FallbackIntent', {}), via: 'no match', withInvocation, builtIn: true };
    }
    return { kind: 'none', heard, reason: `nothing in the ${invocation} model matches "${request}"` };
  }

  /**
   * While a slot is being elicited, Alexa takes the whole answer as that slot's value, unless it is
   * one of the built-in phrases ("cancel", "no", "stop") or a sample of the elicited intent itself.
   */
  function fillElicitedSlot(heard: string, elicit: { intent: string; slot: string }): Understanding | undefined {
    if (!intents.get(elicit.intent)?.slots?.some((slot) => slot.name === elicit.slot)) return undefined;
    const own = candidatesFor(heard, {}).find((candidate) => candidate.intent === elicit.intent && candidate.via.startsWith('sample'));
    const builtIn = Object.values(BUILT_IN_PHRASES).some((phrases) => phrases.includes(heard));
    if (own || builtIn) return undefined;
    return {
      kind: 'intent',
      heard,
      intent: { name: elicit.intent, confirmationStatus: 'NONE', slots: slotsOf(elicit.intent, { [elicit.slot]: heard }).slots },
      via: `elicited slot "${elicit.slot}"`,
      withInvocation: false,
      builtIn: false,
    };
  }

  return { invocationName: invocation, understand };
}

function compileSample(intent: string, sample: string): CompiledSample {
  const slotNames: string[] = [];
  let literalLength = 0;
  const parts = sample.split(/(\{[A-Za-z0-9_]+\})/).map((part) => {
    const slot = /^\{([A-Za-z0-9_]+)\}$/.exec(part);
    if (slot) {
      slotNames.push(slot[1]);
      return '(.+?)';
    }
    const words = normalizeUtterance(part);
    literalLength += words.length;
    // Keep the spaces around a slot: "skip to {section}" must not match "skip tom".
    const lead = /^\s/.test(part) && words ? ' ' : '';
    const trail = /\s$/.test(part) && words ? ' ' : '';
    return escapeRegExp(`${lead}${words}${trail}`);
  });
  return { intent, sample, pattern: new RegExp(`^${parts.join('')}$`), slotNames, literalLength };
}

type ValueIndex = Map<string, { name: string; id: string }>;

function valueIndex(type: ModelSlotType): ValueIndex {
  const index: ValueIndex = new Map();
  for (const value of type.values) {
    const resolved = { name: value.name.value, id: value.id ?? value.name.value };
    for (const spoken of [value.name.value, ...(value.name.synonyms ?? [])]) {
      const key = normalizeUtterance(spoken);
      if (!index.has(key)) index.set(key, resolved);
    }
  }
  return index;
}

/** Exact value or synonym, then without a leading article, as Alexa's resolver is forgiving of "the". */
function resolveValue(index: ValueIndex, spoken: string): { name: string; id: string } | undefined {
  const key = normalizeUtterance(spoken);
  return index.get(key) ?? index.get(key.replace(/^(?:the|my|a) /, ''));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
