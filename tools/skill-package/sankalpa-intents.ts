/** Sankalpa intents: set (one-shot or asked for), read back, clear, ideas and picking one. */
import type { SampleIntent, SlotTypeValue } from './intents';

export const IDEA_CHOICE_SLOT_TYPE = 'IDEA_CHOICE';
export const PHRASE_SLOT = 'phrase';

/** AMAZON.SearchQuery needs a carrier phrase around it; the samples without one ask for the phrase. */
const SET_SANKALPA_SAMPLES = [
  'my sankalpa is {phrase}',
  'set my sankalpa to {phrase}',
  'change my sankalpa to {phrase}',
  'update my sankalpa to {phrase}',
  'my new sankalpa is {phrase}',
  'make my sankalpa {phrase}',
  'set my sankalpa as {phrase}',
  'my intention is {phrase}',
  'set my intention to {phrase}',
  'change my intention to {phrase}',
  'set my sankalpa',
  'set a sankalpa',
  'change my sankalpa',
  'update my sankalpa',
  'set my intention',
  'i want to set my sankalpa',
  'i want to change my sankalpa',
  'new sankalpa',
  'can i change my sankalpa',
  'can i set my sankalpa',
  'can i set an intention',
  'could i change my sankalpa to {phrase}',
];

const WHAT_IS_SANKALPA_SAMPLES = [
  'what is my sankalpa',
  "what's my sankalpa",
  'tell me my sankalpa',
  'read my sankalpa',
  'say my sankalpa',
  'remind me of my sankalpa',
  'what is my intention',
  'what did i set as my sankalpa',
];

const CLEAR_SANKALPA_SAMPLES = [
  'clear my sankalpa',
  'forget my sankalpa',
  'delete my sankalpa',
  'remove my sankalpa',
  'erase my sankalpa',
  'clear my intention',
  'forget my intention',
];

const SANKALPA_IDEAS_SAMPLES = [
  'give me sankalpa ideas',
  'give me some sankalpa ideas',
  'sankalpa ideas',
  'ideas for my sankalpa',
  'ideas for a sankalpa',
  'suggest a sankalpa',
  'help me choose a sankalpa',
  'what could my sankalpa be',
  'i need a sankalpa',
  'give me ideas',
];

const PICK_IDEA_SAMPLES = [
  '{choice}',
  'the {choice}',
  'the {choice} one',
  '{choice} one',
  'number {choice}',
  "i'll take the {choice}",
  "i'll take the {choice} one",
  'i choose the {choice}',
  "i'd like the {choice}",
  'the {choice} please',
];

export const SANKALPA_INTENTS: readonly SampleIntent[] = [
  { name: 'SetSankalpaIntent', slots: [{ name: PHRASE_SLOT, type: 'AMAZON.SearchQuery' }], samples: SET_SANKALPA_SAMPLES },
  { name: 'WhatIsSankalpaIntent', samples: WHAT_IS_SANKALPA_SAMPLES },
  { name: 'ClearSankalpaIntent', samples: CLEAR_SANKALPA_SAMPLES },
  { name: 'SankalpaIdeasIntent', samples: SANKALPA_IDEAS_SAMPLES },
  { name: 'PickIdeaIntent', slots: [{ name: 'choice', type: IDEA_CHOICE_SLOT_TYPE }], samples: PICK_IDEA_SAMPLES },
];

export const IDEA_CHOICE_VALUES: SlotTypeValue[] = [
  { id: '1', name: { value: 'first', synonyms: ['one', '1', '1st', 'first one', 'number one'] } },
  { id: '2', name: { value: 'second', synonyms: ['two', '2', '2nd', 'second one', 'number two'] } },
  { id: '3', name: { value: 'third', synonyms: ['three', '3', '3rd', 'third one', 'number three'] } },
];

/**
 * The dialog model lets the skill elicit the phrase itself (Dialog.ElicitSlot) after
 * "set my sankalpa"; the skill validates and confirms, so nothing is required or auto-delegated.
 */
export function sankalpaDialog() {
  return {
    delegationStrategy: 'SKILL_RESPONSE',
    intents: [
      {
        name: 'SetSankalpaIntent',
        confirmationRequired: false,
        prompts: {},
        slots: [
          {
            name: PHRASE_SLOT,
            type: 'AMAZON.SearchQuery',
            confirmationRequired: false,
            elicitationRequired: false,
            prompts: { elicitation: 'Elicit.Slot.SetSankalpa.phrase' },
          },
        ],
      },
    ],
  };
}

export const SANKALPA_PROMPTS = [
  {
    id: 'Elicit.Slot.SetSankalpa.phrase',
    variations: [{ type: 'PlainText', value: 'What is your sankalpa? Say it in a few words, in the present tense.' }],
  },
];
