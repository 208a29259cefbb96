/**
 * The drift guard: every intent of every locale's interaction model is one the registry
 * (models/intents.ts) names, and reaches a handler of its own, not the fallback and not the error
 * handler. Removing a handler, or adding an intent to the model without one, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILT_IN_INTENT_NAMES, CUSTOM_INTENT_NAMES } from '../../models/intents';
import { say } from '../../lambda/core/speech';
import { intent, sectionSlot, speechOf } from '../../testkit/envelopes';
import { createHarness, type Harness } from '../support/harness';

interface ModelIntent {
  name: string;
  slots?: { name: string; type: string }[];
}
interface ModelType {
  name: string;
  values: { id?: string; name: { value: string } }[];
}

const MODELS_DIR = path.join(__dirname, '..', '..', 'skill-package', 'interactionModels', 'custom');
const models = readdirSync(MODELS_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => {
    const { languageModel } = JSON.parse(readFileSync(path.join(MODELS_DIR, file), 'utf8')).interactionModel;
    return {
      locale: file.replace(/\.json$/, ''),
      intents: languageModel.intents as ModelIntent[],
      types: (languageModel.types ?? []) as ModelType[],
    };
  });

/** Built-ins whose whole meaning outside a question is "I did not follow": the fallback is their handler. */
const ANSWERED_BY_FALLBACK = new Set(['AMAZON.FallbackIntent', 'AMAZON.YesIntent', 'AMAZON.NoIntent']);

/** Every slot filled the way Alexa fills it from the model's own first value. */
function filledSlots(modelIntent: ModelIntent, types: ModelType[]): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  for (const slot of modelIntent.slots ?? []) {
    const value = types.find((type) => type.name === slot.type)?.values[0];
    if (slot.type === 'SECTION' && value) Object.assign(slots, sectionSlot(value.name.value, value.id));
    else slots[slot.name] = { name: slot.name, value: value?.name.value ?? 'I rest in my breath', confirmationStatus: 'NONE' };
  }
  return slots;
}

it('finds the five locales, each declaring exactly the registry', () => {
  expect(models.map((model) => model.locale).sort()).toEqual(['en-AU', 'en-CA', 'en-GB', 'en-IN', 'en-US']);
  for (const model of models) {
    expect(model.intents.map((entry) => entry.name).sort()).toEqual([...CUSTOM_INTENT_NAMES, ...BUILT_IN_INTENT_NAMES].sort());
  }
});

describe.each(models)('the $locale model', ({ locale, intents, types }) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness();
  });

  const own = intents.filter((entry) => !ANSWERED_BY_FALLBACK.has(entry.name));
  it.each(own.map((entry) => [entry.name, entry] as const))('%s reaches a handler of its own', async (_name, modelIntent) => {
    harness.logs.length = 0;
    const response = await harness.send(intent(modelIntent.name, { locale, slots: filledSlots(modelIntent, types) }));
    const speech = speechOf(response) ?? '';
    expect(speech).not.toContain(say.fallback);
    expect(speech).not.toContain(say.somethingWrong);
    expect(harness.logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
