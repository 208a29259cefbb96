/** One locale's interaction model (skill-package/interactionModels/custom/<locale>.json). */
import { BUILT_IN_INTENTS, CUSTOM_INTENTS, INVOCATION_NAME, SECTION_SLOT_TYPE, sectionValues, type SlotTypeValue } from './intents';
import { IDEA_CHOICE_SLOT_TYPE, IDEA_CHOICE_VALUES, SANKALPA_PROMPTS, sankalpaDialog } from './sankalpa-intents';
import { SLEEP_DURATION_SLOT_TYPE, SLEEP_DURATION_VALUES } from './sleep-sounds-intents';
import { localeSpelling, type Locale } from './locales';

export interface InteractionModelFile {
  interactionModel: {
    languageModel: {
      invocationName: string;
      intents: Array<{ name: string; slots?: Array<{ name: string; type: string; samples: string[] }>; samples: string[] }>;
      types: Array<{ name: string; values: SlotTypeValue[] }>;
    };
    dialog: ReturnType<typeof sankalpaDialog>;
    prompts: typeof SANKALPA_PROMPTS;
  };
  version: string;
}

export function buildInteractionModel(locale: Locale): InteractionModelFile {
  const spell = (text: string) => localeSpelling(locale, text);
  const custom = CUSTOM_INTENTS.map((intent) => ({
    name: intent.name,
    ...(intent.slots ? { slots: intent.slots.map((slot) => ({ name: slot.name, type: slot.type, samples: [] as string[] })) } : {}),
    samples: intent.samples.map(spell),
  }));
  const builtIns = BUILT_IN_INTENTS.map((name) => ({ name, samples: [] as string[] }));
  return {
    interactionModel: {
      languageModel: {
        invocationName: INVOCATION_NAME,
        intents: [...custom, ...builtIns],
        types: [
          { name: SECTION_SLOT_TYPE, values: sectionValues(spell) },
          { name: IDEA_CHOICE_SLOT_TYPE, values: IDEA_CHOICE_VALUES },
          { name: SLEEP_DURATION_SLOT_TYPE, values: SLEEP_DURATION_VALUES },
        ],
      },
      dialog: sankalpaDialog(),
      prompts: SANKALPA_PROMPTS,
    },
    version: '1',
  };
}
