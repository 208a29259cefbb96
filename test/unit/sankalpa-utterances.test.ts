/** Every sankalpa utterance path, understood from the skill's own en-US model by the simulator's NLU. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNlu, type InteractionModel, type Understanding } from '../../local/nlu';

const enUS = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'skill-package', 'interactionModels', 'custom', 'en-US.json'), 'utf8'),
) as InteractionModel;
const nlu = createNlu(enUS);

function understood(understanding: Understanding) {
  if (understanding.kind !== 'intent') throw new Error(`expected an intent, got ${understanding.kind}`);
  const slots = Object.fromEntries(
    Object.values(understanding.intent.slots)
      .filter((slot) => slot.value !== undefined)
      .map((slot) => [slot.name, slot.resolutions?.resolutionsPerAuthority[0]?.values?.[0]?.value.id ?? slot.value]),
  );
  return { intent: understanding.intent.name, slots };
}

describe('sankalpa utterances', () => {
  it.each([
    ['Alexa, tell spine nidra my sankalpa is I am at ease in my body', 'SetSankalpaIntent', { phrase: 'i am at ease in my body' }],
    ['ask spine nidra to set my sankalpa to my spine is supple', 'SetSankalpaIntent', { phrase: 'my spine is supple' }],
    ['change my sankalpa to i rest deeply', 'SetSankalpaIntent', { phrase: 'i rest deeply' }],
    ['set my sankalpa', 'SetSankalpaIntent', {}],
    ['what is my sankalpa', 'WhatIsSankalpaIntent', {}],
    ['clear my sankalpa', 'ClearSankalpaIntent', {}],
    ['forget my sankalpa', 'ClearSankalpaIntent', {}],
    ['give me sankalpa ideas', 'SankalpaIdeasIntent', {}],
    ['the second one', 'PickIdeaIntent', { choice: '2' }],
    ['number two', 'PickIdeaIntent', { choice: '2' }],
    ['yes', 'AMAZON.YesIntent', {}],
  ])('"%s" -> %s %j', (text, intent, slots) => {
    expect(understood(nlu.understand(text, { inSession: true }))).toEqual({ intent, slots });
  });

  it('after "set my sankalpa", the whole next sentence fills the elicited phrase', () => {
    const elicit = { intent: 'SetSankalpaIntent', slot: 'phrase' };
    expect(understood(nlu.understand('I am at ease in my body', { inSession: true, elicit }))).toEqual({
      intent: 'SetSankalpaIntent',
      slots: { phrase: 'i am at ease in my body' },
    });
    expect(understood(nlu.understand('cancel', { inSession: true, elicit })).intent).toBe('AMAZON.CancelIntent');
  });
});
