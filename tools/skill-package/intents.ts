/** Intents and sample utterances of the Spine Nidra interaction model (same for every locale). */
import { BUILT_IN_INTENT_NAMES, type CustomIntentName } from '../../models/intents';
import { NAVIGATION_TARGETS } from '../../models/navigation-targets';
import { PREFERENCE_INTENTS } from './preference-intents';
import { SLEEP_SOUNDS_INTENTS } from './sleep-sounds-intents';
import { PRIVACY_INTENTS } from './privacy-intents';
import { SANKALPA_INTENTS } from './sankalpa-intents';

export const INVOCATION_NAME = 'spine nidra';

export const SECTION_SLOT_TYPE = 'SECTION';

/** Built-in intents the skill handles (the registry in models/intents.ts). */
export const BUILT_IN_INTENTS = BUILT_IN_INTENT_NAMES;

/** "skip to the lower back", "go back to the sankalpa". */
export const SKIP_TO_SECTION_SAMPLES: readonly string[] = [
  'skip to {section}',
  'skip to the {section}',
  'go to {section}',
  'go to the {section}',
  'jump to {section}',
  'jump to the {section}',
  'take me to {section}',
  'take me to the {section}',
  'play {section}',
  'play the {section}',
  'start {section}',
  'start the {section}',
  'move to the {section}',
  'move to {section}',
  'i want the {section}',
  'i want to go to the {section}',
  'skip ahead to the {section}',
  'skip ahead to {section}',
  'go back to the {section}',
  'go back to {section}',
  'take me back to the {section}',
  'go straight to the {section}',
  'can you skip to the {section}',
  'can you go to the {section}',
  'skip forward to the {section}',
  'rewind to the {section}',
  "let's do the {section}",
  "let's go to the {section}",
  'start at the {section}',
  'play from the {section}',
  'begin at the {section}',
  'begin with the {section}',
  // Bare nouns and questions, as people answer "what would you like?" (and as Alexa+ routes).
  '{section}',
  '{section} please',
  'the {section} please',
  'can we do the {section}',
  'can i go to the {section}',
  'could you take me to the {section}',
  'can we go back to the {section}',
];

/** The whole practice from the top (or from where the listener left off; the skill decides). */
export const START_PRACTICE_SAMPLES: readonly string[] = [
  'start the practice',
  'begin',
  'begin the practice',
  'start from the beginning',
  'play the practice',
  'play spine nidra',
  'start my practice',
  'play the whole practice',
  'begin yoga nidra',
  'start yoga nidra',
  'play yoga nidra',
  'start the session',
  'begin the session',
  'start the meditation',
  'play the meditation',
  'do the practice',
  'do yoga nidra',
  'i want to do yoga nidra',
  "let's begin",
  "let's start",
];

/** Where the listener is and how much remains. */
export const TIME_LEFT_SAMPLES: readonly string[] = [
  'how much time is left',
  'how much longer',
  'time left',
  'is it nearly over',
  'can you tell me how long is left',
  'how long is left',
  'where am i',
  'what section is this',
  'what part is this',
  'how many minutes are left',
  "what's playing",
  'what is playing now',
  'how much is left',
  'how long until the end',
  'how much time is remaining',
  'how many minutes left',
  'what section am i in',
  'what part am i on',
  'how far along am i',
  'what am i listening to',
  'what is this part',
];

export interface SampleIntent {
  name: CustomIntentName;
  slots?: ReadonlyArray<{ name: string; type: string }>;
  samples: readonly string[];
}

export const CUSTOM_INTENTS: readonly SampleIntent[] = [
  { name: 'SkipToSectionIntent', slots: [{ name: 'section', type: SECTION_SLOT_TYPE }], samples: SKIP_TO_SECTION_SAMPLES },
  { name: 'StartPracticeIntent', samples: START_PRACTICE_SAMPLES },
  { name: 'TimeLeftIntent', samples: TIME_LEFT_SAMPLES },
  ...SANKALPA_INTENTS,
  ...PRIVACY_INTENTS,
  ...PREFERENCE_INTENTS,
  ...SLEEP_SOUNDS_INTENTS,
];

export interface SlotTypeValue {
  id: string;
  name: { value: string; synonyms: string[] };
}

/** SECTION values straight from NAVIGATION_TARGETS: id = target id, value = names[0]. */
export function sectionValues(spell: (text: string) => string = (text) => text): SlotTypeValue[] {
  return NAVIGATION_TARGETS.map((target) => {
    const [value, ...rest] = target.names;
    const synonyms: string[] = [];
    for (const name of rest) {
      for (const spelled of [name, spell(name)]) {
        if (spelled !== value && !synonyms.includes(spelled)) synonyms.push(spelled);
      }
    }
    return { id: target.id, name: { value, synonyms } };
  });
}
