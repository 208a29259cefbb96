import enUS from '../../skill-package/interactionModels/custom/en-US.json';

type Intent = { name: string; samples: string[]; slots?: Array<{ name: string; type: string }> };
const model = enUS.interactionModel as unknown as {
  languageModel: { intents: Intent[] };
  dialog: { intents: Array<{ name: string; slots: Array<{ name: string; type: string }> }> };
};
const intent = (name: string) => model.languageModel.intents.find((candidate) => candidate.name === name) as Intent;

describe('sankalpa intents in the interaction model', () => {
  it('offers the phrasings listeners use, as one-shots with a free-text phrase', () => {
    const samples = intent('SetSankalpaIntent').samples;
    for (const carrier of ['my sankalpa is {phrase}', 'set my sankalpa to {phrase}', 'change my sankalpa to {phrase}', 'set my sankalpa']) {
      expect(samples).toContain(carrier);
    }
    expect(intent('SetSankalpaIntent').slots).toEqual([expect.objectContaining({ name: 'phrase', type: 'AMAZON.SearchQuery' })]);
    expect(intent('WhatIsSankalpaIntent').samples).toContain('what is my sankalpa');
    expect(intent('ClearSankalpaIntent').samples).toEqual(expect.arrayContaining(['clear my sankalpa', 'forget my sankalpa']));
    expect(intent('SankalpaIdeasIntent').samples).toContain('give me sankalpa ideas');
    expect(intent('PickIdeaIntent').samples).toEqual(expect.arrayContaining(['the {choice} one', 'number {choice}']));
  });

  it('follows the AMAZON.SearchQuery rules: a carrier phrase around the slot, never two in one sample', () => {
    for (const { samples, slots = [] } of model.languageModel.intents) {
      const searchSlots = slots.filter((slot) => slot.type === 'AMAZON.SearchQuery').map((slot) => `{${slot.name}}`);
      for (const sample of samples) {
        const used = searchSlots.filter((slot) => sample.includes(slot));
        expect(used.length).toBeLessThanOrEqual(1);
        if (used.length) expect(sample.replace(used[0], '').trim().length).toBeGreaterThan(0);
      }
    }
  });

  it('lets the skill elicit the phrase itself (dialog model, no auto-delegation)', () => {
    expect(model.dialog.intents).toEqual([
      expect.objectContaining({ name: 'SetSankalpaIntent', slots: [expect.objectContaining({ name: 'phrase', elicitationRequired: false })] }),
    ]);
  });
});
