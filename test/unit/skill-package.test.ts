/**
 * The ASK CLI v2 skill package (skill-package/): validated offline against the SMAPI model in
 * ask-smapi-model/spec.json, plus the rules the schema cannot express, plus "the committed files
 * are exactly what tools/skill-package/generate.ts produces".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NAVIGATION_TARGETS } from '../../models/navigation-targets';
import { SECTION_IDS } from '../../models/practice-types';
import { readPngInfo, readPngScanlines } from '../../tools/images/png-read';
import { generateSkillPackage, REPO_ROOT, serialize } from '../../tools/skill-package/generate';
import { createSmapiValidator, INTERACTION_MODEL_DEFINITION, MANIFEST_DEFINITION } from '../../tools/skill-package/smapi-schema';

const LOCALES = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'en-IN'];
const COUNTRIES = ['US', 'GB', 'CA', 'AU', 'IN'];
const INVOCATION = 'spine nidra';
const TARGET_IDS = [
  'arrival',
  'tension-release',
  'softening',
  'sankalpa',
  'body-scan',
  'spine-rotation',
  'spine-rotation-cervical',
  'spine-rotation-thoracic',
  'spine-rotation-lumbar',
  'spine-rotation-column',
  'limbs',
  'spine-breath',
  'crown-breath',
  'rest',
  'closing-sankalpa',
  'return',
];
const REQUIRED_BUILT_INS = [
  'AMAZON.PauseIntent',
  'AMAZON.ResumeIntent',
  'AMAZON.NextIntent',
  'AMAZON.PreviousIntent',
  'AMAZON.StartOverIntent',
  'AMAZON.LoopOnIntent',
  'AMAZON.LoopOffIntent',
  'AMAZON.ShuffleOnIntent',
  'AMAZON.ShuffleOffIntent',
  'AMAZON.RepeatIntent',
  'AMAZON.CancelIntent',
  'AMAZON.StopIntent',
  'AMAZON.HelpIntent',
  'AMAZON.FallbackIntent',
  'AMAZON.NavigateHomeIntent',
  'AMAZON.YesIntent',
  'AMAZON.NoIntent',
];
/** Phrases the built-in intents above already own; a custom sample equal to one would steal or split them. */
const BUILT_IN_PHRASES = [
  'pause',
  'pause that',
  'hold on',
  'resume',
  'continue',
  'keep going',
  'unpause',
  'next',
  'skip',
  'skip this',
  'skip forward',
  'previous',
  'go back',
  'back',
  'skip back',
  'start over',
  'restart',
  'start again',
  'loop',
  'loop on',
  'loop off',
  'repeat this',
  'shuffle',
  'shuffle on',
  'shuffle off',
  'stop shuffling',
  'repeat',
  'say that again',
  'again',
  'cancel',
  'never mind',
  'stop',
  'off',
  'shut up',
  'quiet',
  'help',
  'help me',
  'what can i say',
  'home',
  'go home',
  'exit',
  'yes',
  'yeah',
  'sure',
  'no',
  'nope',
];

interface Intent {
  name: string;
  slots?: Array<{ name: string; type: string; samples?: string[] }>;
  samples?: string[];
}
interface TypeValue {
  id?: string;
  name: { value: string; synonyms?: string[] };
}
interface Model {
  interactionModel: { languageModel: { invocationName: string; intents: Intent[]; types?: Array<{ name: string; values: TypeValue[] }> } };
}
interface LocalePublishing {
  name: string;
  summary: string;
  description: string;
  examplePhrases: string[];
  keywords: string[];
}

const PACKAGE = join(REPO_ROOT, 'skill-package');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const modelPath = (locale: string) => join(PACKAGE, 'interactionModels', 'custom', `${locale}.json`);
const skill = readJson<{ manifest: Record<string, any> }>(join(PACKAGE, 'skill.json'));
const models: Record<string, Model> = Object.fromEntries(LOCALES.map((locale) => [locale, readJson<Model>(modelPath(locale))]));
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

const validate = createSmapiValidator();

function sectionType(model: Model) {
  const type = model.interactionModel.languageModel.types?.find((t) => t.name === 'SECTION');
  if (!type) throw new Error('no SECTION slot type');
  return type;
}

/** Every word a SECTION slot can be filled with (values and synonyms). */
function sectionWords(model: Model): string[] {
  return sectionType(model).values.flatMap((v) => [v.name.value, ...(v.name.synonyms ?? [])]);
}

function allSamples(model: Model): Array<{ intent: string; sample: string }> {
  return model.interactionModel.languageModel.intents.flatMap((intent) => [
    ...(intent.samples ?? []).map((sample) => ({ intent: intent.name, sample })),
    ...(intent.slots ?? []).flatMap((slot) => (slot.samples ?? []).map((sample) => ({ intent: `${intent.name}.${slot.name}`, sample }))),
  ]);
}

describe('navigation targets', () => {
  it('lists every place to skip to, in practice order, covering every section of the practice', () => {
    expect(NAVIGATION_TARGETS.map((t) => t.id)).toEqual(TARGET_IDS);
    for (const id of SECTION_IDS) expect(TARGET_IDS).toContain(id);
  });

  it('uses lowercase spoken names of letters, spaces and apostrophes, several per target', () => {
    for (const target of NAVIGATION_TARGETS) {
      expect(target.names.length).toBeGreaterThanOrEqual(3);
      for (const name of target.names) expect(name).toMatch(/^[a-z']+( [a-z']+)*$/);
    }
  });

  it('never lists a name under two ids, even ignoring a leading "the" or "my"', () => {
    const owner = new Map<string, string>();
    for (const target of NAVIGATION_TARGETS) {
      for (const name of target.names) {
        const key = name.replace(/^(the|my) /, '');
        expect([key, owner.get(key) ?? target.id]).toEqual([key, target.id]);
        owner.set(key, target.id);
      }
    }
    expect(owner.size).toBeGreaterThan(NAVIGATION_TARGETS.length * 3);
  });
});

describe('validation against ask-smapi-model spec.json', () => {
  it('accepts skill.json as a SkillManifestEnvelope', () => {
    expect(validate(MANIFEST_DEFINITION, skill)).toEqual({ valid: true, errors: [] });
  });

  it.each(LOCALES)('accepts the %s interaction model as InteractionModelData', (locale) => {
    expect(validate(INTERACTION_MODEL_DEFINITION, models[locale])).toEqual({ valid: true, errors: [] });
  });

  const brokenManifests: Array<[string, (m: Record<string, any>) => void]> = [
    [
      'a misspelled top-level key',
      (m) => {
        m.publishingInfomation = m.publishingInformation;
        delete m.publishingInformation;
      },
    ],
    [
      'an unknown interface type',
      (m) => {
        m.apis.custom.interfaces = [{ type: 'AUDIO_PLAYR' }];
      },
    ],
    [
      'an APL viewport of an unknown shape',
      (m) => {
        m.apis.custom.interfaces[1].supportedViewports = [{ mode: 'HUB', shape: 'SQUARE' }];
      },
    ],
    [
      'a country that is not ISO 3166',
      (m) => {
        m.publishingInformation.distributionCountries = ['UK'];
      },
    ],
    [
      'an endpoint that is neither an ARN nor https',
      (m) => {
        m.apis.custom.endpoint.uri = 'http://localhost:3000';
      },
    ],
    [
      'a summary over 160 characters',
      (m) => {
        m.publishingInformation.locales['en-US'].summary = 'x'.repeat(161);
      },
    ],
    [
      'a manifest version that does not exist',
      (m) => {
        m.manifestVersion = '2.0';
      },
    ],
  ];
  it.each(brokenManifests)('rejects skill.json with %s', (_, breakIt) => {
    const broken = copy(skill);
    breakIt(broken.manifest);
    const result = validate(MANIFEST_DEFINITION, broken);
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  const brokenModels: Array<[string, (m: Model['interactionModel']['languageModel']) => void]> = [
    [
      'no invocation name',
      (lm) => {
        delete (lm as Partial<typeof lm>).invocationName;
      },
    ],
    [
      'no intents',
      (lm) => {
        lm.intents = [];
      },
    ],
    [
      'a slot value without synonyms',
      (lm) => {
        sectionType({ interactionModel: { languageModel: lm } }).values[0].name.synonyms = [];
      },
    ],
    [
      'a sample that is not a string',
      (lm) => {
        (lm.intents[0].samples as unknown[]).push(42);
      },
    ],
    [
      'an intent key the schema does not know',
      (lm) => {
        (lm.intents[0] as unknown as Record<string, unknown>).utterances = [];
      },
    ],
  ];
  it.each(brokenModels)('rejects an interaction model with %s', (_, breakIt) => {
    const broken = copy(models['en-US']);
    breakIt(broken.interactionModel.languageModel);
    expect(validate(INTERACTION_MODEL_DEFINITION, broken).valid).toBe(false);
  });
});

describe.each(LOCALES)('%s interaction model', (locale) => {
  const model = models[locale];
  const lm = model.interactionModel.languageModel;
  const intent = (name: string) => lm.intents.find((i) => i.name === name);

  it('is invoked as "spine nidra"', () => {
    expect(lm.invocationName).toBe(INVOCATION);
    expect(lm.invocationName).toMatch(/^[a-z]+ [a-z]+$/);
  });

  it('has every required built-in intent and the custom intents, each once', () => {
    const names = lm.intents.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining([...REQUIRED_BUILT_INS, 'SkipToSectionIntent', 'StartPracticeIntent', 'TimeLeftIntent']));
    expect(intent('SkipToSectionIntent')?.slots).toEqual([expect.objectContaining({ name: 'section', type: 'SECTION' })]);
    expect(intent('StartPracticeIntent')?.samples).toEqual(expect.arrayContaining(['begin', 'start the practice', 'play spine nidra']));
    expect(intent('TimeLeftIntent')?.samples).toEqual(expect.arrayContaining(['how much time is left', 'where am i']));
  });

  it('gives every slot a defined custom type or a built-in AMAZON type, and defines no unused type', () => {
    const defined = new Set((lm.types ?? []).map((t) => t.name));
    const used = lm.intents.flatMap((i) => (i.slots ?? []).map((s) => s.type));
    expect(used.length).toBeGreaterThan(0);
    for (const type of used) expect(defined.has(type) || /^AMAZON\.[A-Za-z_.]+$/.test(type)).toBe(true);
    for (const type of defined) expect(used).toContain(type);
  });

  it('never repeats a sample utterance anywhere in the model (ignoring case and spacing)', () => {
    const seen = new Map<string, string>();
    const samples = allSamples(model);
    expect(samples.length).toBeGreaterThan(40);
    for (const { intent: owner, sample } of samples) {
      const key = normalize(sample);
      expect([key, seen.get(key) ?? owner]).toEqual([key, owner]);
      seen.set(key, owner);
    }
  });

  it('uses only slots the intent declares, and every declared slot in some sample', () => {
    for (const i of lm.intents) {
      const declared = (i.slots ?? []).map((s) => s.name);
      const used = (i.samples ?? []).flatMap((s) => [...s.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]));
      for (const slot of used) expect([i.name, declared]).toEqual([i.name, expect.arrayContaining([slot])]);
      for (const slot of declared) expect([i.name, used]).toEqual([i.name, expect.arrayContaining([slot])]);
    }
  });

  it('writes samples as plain lowercase speech', () => {
    for (const { sample } of allSamples(model)) {
      expect(sample).toMatch(/^([a-z']+|\{[A-Za-z_]+\})( ([a-z']+|\{[A-Za-z_]+\}))*$/);
      expect(sample.length).toBeLessThanOrEqual(200);
    }
  });

  it('leaves the built-in intents their own phrases and keeps custom samples unambiguous', () => {
    const custom = lm.intents.filter((i) => !i.name.startsWith('AMAZON.'));
    const slotless = new Set(custom.flatMap((i) => (i.samples ?? []).filter((s) => !s.includes('{'))).map(normalize));
    expect(slotless.size).toBeGreaterThan(10);
    for (const phrase of BUILT_IN_PHRASES) expect([phrase, slotless.has(phrase)]).toEqual([phrase, false]);
    // "skip to the {section}" filled with any section word must not be a slotless sample of another intent.
    const filled = (intent('SkipToSectionIntent')?.samples ?? []).flatMap((s) =>
      sectionWords(model).map((w) => normalize(s.replace('{section}', w))),
    );
    for (const phrase of filled) expect([phrase, slotless.has(phrase)]).toEqual([phrase, false]);
  });

  it('fills SECTION from NAVIGATION_TARGETS: same ids, names[0] as value, every name present, no word under two values', () => {
    const values = sectionType(model).values;
    expect(values.map((v) => v.id)).toEqual(NAVIGATION_TARGETS.map((t) => t.id));
    const owner = new Map<string, string | undefined>();
    for (const [index, value] of values.entries()) {
      const target = NAVIGATION_TARGETS[index];
      expect(value.name.value).toBe(target.names[0]);
      const words = [value.name.value, ...(value.name.synonyms ?? [])];
      expect(words).toEqual(expect.arrayContaining([...target.names]));
      for (const word of words) {
        const key = normalize(word);
        expect([key, owner.has(key)]).toEqual([key, false]);
        owner.set(key, value.id);
      }
    }
  });

  it('matches the en-US model apart from spelling', () => {
    // British-spelling locales list both spellings as synonyms, so respell and drop the repeats.
    const asUs = (m: Model) =>
      JSON.parse(JSON.stringify(m).replace(/visualis/g, 'visualiz'), (key, value) => (key === 'synonyms' ? [...new Set(value as string[])] : value));
    expect(asUs(model)).toEqual(asUs(models['en-US']));
  });
});

describe('skill.json', () => {
  const { manifest } = skill;
  const publishing = manifest.publishingInformation as { locales: Record<string, LocalePublishing>; [key: string]: unknown };

  it('publishes exactly the five English locales, each with an interaction model and privacy entry', () => {
    expect(Object.keys(publishing.locales).sort()).toEqual([...LOCALES].sort());
    expect(Object.keys(manifest.privacyAndCompliance.locales).sort()).toEqual([...LOCALES].sort());
    expect(readdirSync(join(PACKAGE, 'interactionModels', 'custom')).sort()).toEqual(LOCALES.map((l) => `${l}.json`).sort());
    for (const locale of LOCALES) expect(existsSync(modelPath(locale))).toBe(true);
  });

  it("is distributed only in those locales' countries", () => {
    expect(publishing.isAvailableWorldwide).toBe(false);
    expect([...(publishing.distributionCountries as string[])].sort()).toEqual([...COUNTRIES].sort());
    expect(publishing.category).toBe('HEALTH_AND_FITNESS');
    expect(String(publishing.testingInstructions).length).toBeGreaterThan(100);
  });

  it('is a custom AudioPlayer skill, with APL for hub screens, CanFulfillIntentRequest, a placeholder Lambda endpoint and manifest version 1.0', () => {
    expect(manifest.apis.custom.interfaces).toEqual([
      { type: 'AUDIO_PLAYER' },
      {
        type: 'ALEXA_PRESENTATION_APL',
        supportedViewports: [
          { mode: 'HUB', shape: 'RECTANGLE' },
          { mode: 'HUB', shape: 'ROUND' },
        ],
      },
      { type: 'CAN_FULFILL_INTENT_REQUEST' },
    ]);
    expect(manifest.apis.custom.endpoint.uri).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+$/);
    expect(manifest.manifestVersion).toBe('1.0');
  });

  it.each(LOCALES)('describes the skill honestly in %s, with example phrases the model can hear', (locale) => {
    const info = publishing.locales[locale];
    expect(info.name).toBe('Spine Nidra');
    expect(info.description).toMatch(/not medical advice/i);
    expect(info.description).toMatch(/consult/i);
    expect(info.description).toMatch(/30 minutes/);
    expect(info.description).toMatch(/vertebra by vertebra/);
    expect(info.description).toMatch(/resume/i);
    expect(info.examplePhrases).toHaveLength(3);
    expect(info.keywords.length).toBeGreaterThan(3);
    const model = models[locale];
    const samples = allSamples(model).map((s) => s.sample);
    const heard = new Set(samples.flatMap((s) => (s.includes('{section}') ? sectionWords(model).map((w) => s.replace('{section}', w)) : [s])));
    for (const phrase of info.examplePhrases) {
      expect(phrase).toMatch(/^Alexa, /);
      expect(phrase.toLowerCase()).toContain(INVOCATION);
      const spoken = phrase.toLowerCase().replace(/^alexa, (open|ask) spine nidra( to)? ?/, '');
      expect([phrase, spoken === '' || heard.has(spoken)]).toEqual([phrase, true]);
    }
  });

  it('declares the personal info it keeps (the sankalpa) and no purchases, ads or child direction, with https policy links', () => {
    const privacy = manifest.privacyAndCompliance;
    expect(privacy).toMatchObject({
      allowsPurchases: false,
      usesPersonalInfo: true,
      isChildDirected: false,
      isExportCompliant: true,
      containsAds: false,
    });
    for (const locale of LOCALES) {
      expect(privacy.locales[locale].privacyPolicyUrl).toMatch(/^https:\/\//);
      expect(privacy.locales[locale].termsOfUseUrl).toMatch(/^https:\/\//);
    }
  });
});

describe('generated files', () => {
  const generated = generateSkillPackage();

  const icons = ['skill-package/assets/images/spine-nidra-small-icon.png', 'skill-package/assets/images/spine-nidra-large-icon.png'];

  it('covers skill.json, one model per locale, the two icons and the routine task', () => {
    expect(Object.keys(generated).sort()).toEqual(
      [
        'skill-package/skill.json',
        ...LOCALES.map((l) => `skill-package/interactionModels/custom/${l}.json`),
        ...icons,
        'skill-package/tasks/StartPractice.1.json',
      ].sort(),
    );
  });

  it('declares the StartPractice task, version 1, defined as a public OpenAPI 3 task for every locale', () => {
    const manifest = (generated['skill-package/skill.json'] as { manifest: { apis: { custom: { tasks: unknown } } } }).manifest;
    expect(manifest.apis.custom.tasks).toEqual([{ name: 'StartPractice', version: '1' }]);
    const task = generated['skill-package/tasks/StartPractice.1.json'] as {
      openapi: string;
      info: {
        version: string;
        'x-amzn-alexa-access-scope': string;
        'x-amzn-display-details': Record<string, { title: string; description: string }>;
      };
      paths: Record<string, { post?: { responses?: Record<string, unknown> } }>;
    };
    expect(task.openapi).toMatch(/^3\./);
    expect(task.info.version).toBe('1');
    expect(task.info['x-amzn-alexa-access-scope']).toBe('public');
    expect(Object.keys(task.info['x-amzn-display-details']).sort()).toEqual([...LOCALES].sort());
    for (const details of Object.values(task.info['x-amzn-display-details'])) expect(details.title && details.description).toBeTruthy();
    expect(Object.keys(task.paths)).toEqual(['/StartPractice']);
    expect(Object.keys(task.paths['/StartPractice'].post?.responses ?? {})).toContain('200');
  });

  const textFiles = Object.keys(generated).filter((path) => !path.endsWith('.png'));
  it.each(textFiles)('%s is committed exactly as generated (run npm run skill-package)', (path) => {
    expect(readFileSync(join(REPO_ROOT, path), 'utf8')).toBe(serialize(generated[path]));
  });

  // Compared as pictures, not bytes: another zlib may compress the same pixels differently.
  it.each(icons)('%s is committed as the same picture the generator draws', (path) => {
    const committed = readFileSync(join(REPO_ROOT, path));
    const drawn = serialize(generated[path]) as Buffer;
    expect(readPngInfo(committed)).toEqual(readPngInfo(drawn));
    expect(readPngScanlines(committed).equals(readPngScanlines(drawn))).toBe(true);
  });

  it('draws 108 and 512 pixel square RGB icons, referenced from every locale as local package assets', () => {
    const sizes = icons.map((path) => readPngInfo(readFileSync(join(REPO_ROOT, path))));
    expect(sizes).toEqual([
      { width: 108, height: 108, bitDepth: 8, colorType: 2 },
      { width: 512, height: 512, bitDepth: 8, colorType: 2 },
    ]);
    for (const locale of LOCALES) {
      expect(skill.manifest.publishingInformation.locales[locale]).toMatchObject({
        smallIconUri: 'file://assets/images/spine-nidra-small-icon.png',
        largeIconUri: 'file://assets/images/spine-nidra-large-icon.png',
      });
    }
  });
});
