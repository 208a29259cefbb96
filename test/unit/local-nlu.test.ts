import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createNlu, normalizeUtterance, type InteractionModel, type Understanding } from '../../local/nlu';

const enUS = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', 'skill-package', 'interactionModels', 'custom', 'en-US.json'), 'utf8'),
) as InteractionModel;
const nlu = createNlu(enUS, { skillId: 'amzn1.ask.skill.test' });

function intentOf(understanding: Understanding) {
  if (understanding.kind !== 'intent') throw new Error(`expected an intent, got ${JSON.stringify(understanding)}`);
  return understanding;
}

function resolvedId(understanding: Understanding, slot: string): string | undefined {
  return intentOf(understanding).intent.slots[slot]?.resolutions?.resolutionsPerAuthority[0]?.values?.[0]?.value.id;
}

describe("the simulator understands what a listener types, from the skill's own model", () => {
  test.each(['start spine nidra', 'open spine nidra', 'Alexa, open Spine Nidra.', 'launch spine nidra', 'spine nidra'])(
    '"%s" opens the skill',
    (text) => {
      expect(nlu.understand(text).kind).toBe('launch');
    },
  );

  test('a section slot is filled and resolved to its id, through values and synonyms', () => {
    const bodyScan = nlu.understand('skip to the body scan');
    expect(intentOf(bodyScan).intent.name).toBe('SkipToSectionIntent');
    expect(intentOf(bodyScan).intent.slots.section.value).toBe('body scan');
    expect(resolvedId(bodyScan, 'section')).toBe('body-scan');
    expect(intentOf(bodyScan).intent.slots.section.resolutions?.resolutionsPerAuthority[0].authority).toBe(
      'amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.SECTION',
    );
    expect(resolvedId(nlu.understand('go to the lumbar spine'), 'section')).toBe('spine-rotation-lumbar');
    expect(resolvedId(nlu.understand('go back to my neck'), 'section')).toBe('spine-rotation-cervical');
  });

  test.each([
    ['body scan', 'SkipToSectionIntent'],
    ['the lower back please', 'SkipToSectionIntent'],
    ['can we do the body scan', 'SkipToSectionIntent'],
    ['can i change my sankalpa', 'SetSankalpaIntent'],
    ['can you make it shorter', 'ShortPracticeIntent'],
    ['is it nearly over', 'TimeLeftIntent'],
  ])('a bare noun or a question, as answered after "what would you like?": "%s" is %s', (text, name) => {
    expect(intentOf(nlu.understand(text)).intent.name).toBe(name);
  });

  test('a value the slot type does not know is passed on unresolved, as Alexa does', () => {
    const kitchen = intentOf(nlu.understand('skip to the kitchen'));
    expect(kitchen.intent.name).toBe('SkipToSectionIntent');
    expect(kitchen.intent.slots.section.value).toBe('kitchen');
    expect(kitchen.intent.slots.section.resolutions?.resolutionsPerAuthority[0].status.code).toBe('ER_SUCCESS_NO_MATCH');
  });

  test('"ask <invocation> to ..." carries the request and says the invocation was used', () => {
    const oneShot = intentOf(nlu.understand('ask spine nidra to skip to the lower back'));
    expect(oneShot.intent.name).toBe('SkipToSectionIntent');
    expect(resolvedId(oneShot, 'section')).toBe('spine-rotation-lumbar');
    expect(oneShot.withInvocation).toBe(true);
    const told = intentOf(nlu.understand('tell spine nidra how much time is left'));
    expect(told.intent.name).toBe('TimeLeftIntent');
    expect(intentOf(nlu.understand('how much time is left')).withInvocation).toBe(false);
  });

  test.each([
    ['pause', 'AMAZON.PauseIntent'],
    ['resume', 'AMAZON.ResumeIntent'],
    ['continue', 'AMAZON.ResumeIntent'],
    ['next', 'AMAZON.NextIntent'],
    ['go back', 'AMAZON.PreviousIntent'],
    ['start over', 'AMAZON.StartOverIntent'],
    ['repeat', 'AMAZON.RepeatIntent'],
    ['loop on', 'AMAZON.LoopOnIntent'],
    ['shuffle', 'AMAZON.ShuffleOnIntent'],
    ['help', 'AMAZON.HelpIntent'],
    ['cancel', 'AMAZON.CancelIntent'],
    ['stop', 'AMAZON.StopIntent'],
    ['yes', 'AMAZON.YesIntent'],
    ['no thanks', 'AMAZON.NoIntent'],
  ])('the built-in phrase "%s" is %s', (text, intent) => {
    const understood = intentOf(nlu.understand(text));
    expect(understood.intent.name).toBe(intent);
    expect(understood.builtIn).toBe(true);
  });

  test('"play spine nidra" opens the skill, but inside a session it is the model\'s own sample', () => {
    expect(nlu.understand('play spine nidra').kind).toBe('launch');
    expect(intentOf(nlu.understand('play spine nidra', { inSession: true })).intent.name).toBe('StartPracticeIntent');
    expect(nlu.understand('start spine nidra', { inSession: true }).kind).toBe('launch');
  });

  test('"stop" while the practice plays arrives as a pause, as on a real Echo', () => {
    expect(intentOf(nlu.understand('stop', { playing: true })).intent.name).toBe('AMAZON.PauseIntent');
  });

  test('a model sample beats a built-in phrase only when it fits as well: "start over" is not a section', () => {
    expect(intentOf(nlu.understand('start over')).intent.name).toBe('AMAZON.StartOverIntent');
    expect(intentOf(nlu.understand('play the practice')).intent.name).toBe('StartPracticeIntent');
  });

  test("anything else is the fallback intent, with the model's slots empty", () => {
    const understood = intentOf(nlu.understand('what is the weather like on mars'));
    expect(understood.intent.name).toBe('AMAZON.FallbackIntent');
  });

  test('every sample of every intent in the model is understood as that intent', () => {
    const language = enUS.interactionModel.languageModel;
    const firstValue = new Map((language.types ?? []).map((type) => [type.name, type.values[0].name.value]));
    for (const intent of language.intents) {
      for (const sample of intent.samples ?? []) {
        const text = sample.replace(/\{(\w+)\}/g, (_match, slot: string) => {
          const type = intent.slots?.find((candidate) => candidate.name === slot)?.type ?? '';
          return firstValue.get(type) ?? 'i am calm and at ease';
        });
        expect({ sample, intent: intentOf(nlu.understand(text, { inSession: true })).intent.name }).toEqual({ sample, intent: intent.name });
      }
    }
  });

  test('AMAZON.SearchQuery captures free text, for any model', () => {
    const model: InteractionModel = {
      interactionModel: {
        languageModel: {
          invocationName: 'spine nidra',
          intents: [
            { name: 'SetSankalpaIntent', slots: [{ name: 'phrase', type: 'AMAZON.SearchQuery' }], samples: ['my sankalpa is {phrase}'] },
            { name: 'AMAZON.PauseIntent', samples: [] },
          ],
        },
      },
    };
    const understood = intentOf(createNlu(model).understand('My sankalpa is: I am calm, and at peace.'));
    expect(understood.intent.name).toBe('SetSankalpaIntent');
    expect(understood.intent.slots.phrase).toEqual({ name: 'phrase', value: 'i am calm and at peace', confirmationStatus: 'NONE', source: 'USER' });
    expect(createNlu(model).understand('what is the weather').kind).toBe('none');
  });

  test('text is normalized like a transcript', () => {
    expect(normalizeUtterance('  Skip   to the Body-Scan, please! ')).toBe('skip to the body scan please');
    expect(normalizeUtterance('What’s playing?')).toBe("what's playing");
  });
});
