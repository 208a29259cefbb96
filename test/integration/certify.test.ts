/**
 * `npm run certify`'s checks: they pass on the committed skill package, and each fails, naming the
 * problem, on a temporary copy with one planted fault (a bad example phrase, a missing or wrong
 * size icon, an http link, a promise the skill cannot keep, an intent no handler takes).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng } from '../../tools/images/png';
import { checkExamplePhrases, checkIcons, checkPackageValidates, checkUrls } from '../../tools/certify/checks';
import { checkDescription } from '../../tools/certify/description';
import { checkIntentsHandled } from '../../tools/certify/handled-intents';
import { findSample, parseExamplePhrase } from '../../tools/certify/phrases';
import { checkAudio, formatResults } from '../../tools/certify/run';
import { readSkillPackage, type SkillJson } from '../../tools/certify/skill-package-files';
import { REPO_ROOT } from '../../tools/skill-package/generate';

const COMMITTED = join(REPO_ROOT, 'skill-package');

describe('certify on the committed skill package', () => {
  const pkg = readSkillPackage(COMMITTED);

  it.each([
    ['package validates', checkPackageValidates],
    ['example phrases', checkExamplePhrases],
    ['icons', checkIcons],
    ['https URLs', checkUrls],
    ['description', checkDescription],
  ] as const)('%s passes', (name, check) => {
    expect(check(pkg)).toMatchObject({ name, problems: [] });
  });

  it('finds every declared intent of every locale handled, idle and mid-practice, within the rules', async () => {
    const result = await checkIntentsHandled(pkg);
    expect(result.problems).toEqual([]);
    const intents = Object.values(pkg.models).reduce((sum, model) => sum + model.intents.length, 0);
    expect(result.summary).toContain(`${intents * 2} requests`);
  });

  it('reports the placeholders deploy:endpoint fills in, and fails on them only for a deployed package', () => {
    expect(checkUrls(pkg).summary).toMatch(/placeholder\(s\) left for npm run deploy:endpoint/);
    const deployed = checkUrls(pkg, { deployed: true }).problems;
    expect(deployed).toEqual(expect.arrayContaining([expect.stringMatching(/endpoint\.uri is still a placeholder/)]));
  });
});

describe('example phrases as Amazon reads them', () => {
  const model = readSkillPackage(COMMITTED).models['en-US'];

  it.each([
    ['Alexa, open spine nidra', { kind: 'launch' }],
    ['Alexa, ask spine nidra to skip to the body scan', { kind: 'request', utterances: ['skip to the body scan', 'to skip to the body scan'] }],
    ['Alexa, ask spine nidra how much time is left', { kind: 'request', utterances: ['how much time is left'] }],
    ['Open spine nidra', { kind: 'malformed', reason: 'does not start with "Alexa, "' }],
    ['Alexa, open yoga time', { kind: 'malformed', reason: expect.stringContaining('neither') }],
  ])('reads "%s"', (phrase, expected) => {
    expect(parseExamplePhrase(phrase, 'spine nidra')).toEqual(expected);
  });

  it('hears a slot value only when the slot type lists it, and any words in a built-in type', () => {
    expect(findSample(model, 'skip to the lower back')).toMatchObject({
      intent: 'SkipToSectionIntent',
      slots: { section: expect.stringMatching(/^(the )?lower back$/) },
    });
    expect(findSample(model, 'skip to the kitchen')).toBeUndefined();
    expect(findSample(model, 'my sankalpa is I am at ease')).toMatchObject({ intent: 'SetSankalpaIntent', slots: { phrase: 'i am at ease' } });
    expect(findSample(model, 'How much time is left?')).toMatchObject({ intent: 'TimeLeftIntent' });
  });
});

describe('certify on a planted problem', () => {
  let dir: string;
  const skillPath = () => join(dir, 'skill.json');
  const editSkill = (change: (skill: SkillJson) => void) => {
    const skill = JSON.parse(readFileSync(skillPath(), 'utf8')) as SkillJson;
    change(skill);
    writeFileSync(skillPath(), JSON.stringify(skill));
  };
  const locale = (skill: SkillJson, name = 'en-GB') => skill.manifest.publishingInformation!.locales![name];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'certify-'));
    cpSync(COMMITTED, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails an example phrase the model does not hear, or a slot value outside its type', () => {
    editSkill((skill) => {
      locale(skill).examplePhrases = [
        'Alexa, open spine nidra',
        'Alexa, ask spine nidra to play some music',
        'Alexa, ask spine nidra to skip to the kitchen',
      ];
    });
    expect(checkExamplePhrases(readSkillPackage(dir)).problems).toEqual([
      'en-GB: "Alexa, ask spine nidra to play some music": no sample utterance hears "play some music" (with its slot values in the slot type)',
      'en-GB: "Alexa, ask spine nidra to skip to the kitchen": no sample utterance hears "skip to the kitchen" (with its slot values in the slot type)',
    ]);
  });

  it('fails a first example phrase that does not open the skill', () => {
    editSkill((skill) => {
      locale(skill, 'en-IN').examplePhrases = ['Alexa, ask spine nidra how much time is left'];
    });
    expect(checkExamplePhrases(readSkillPackage(dir)).problems).toEqual([
      expect.stringMatching(/^en-IN: the first example phrase must open the skill/),
    ]);
  });

  it('fails a missing icon and an icon of the wrong size', () => {
    rmSync(join(dir, 'assets', 'images', 'spine-nidra-large-icon.png'));
    writeFileSync(join(dir, 'assets', 'images', 'spine-nidra-small-icon.png'), encodePng(100, 100, new Uint8Array(100 * 100 * 3)));
    const problems = checkIcons(readSkillPackage(dir)).problems;
    expect(problems).toHaveLength(10);
    expect(problems).toContain(
      'en-US: largeIconUri file://assets/images/spine-nidra-large-icon.png: the file is missing (npm run skill-package draws it)',
    );
    expect(problems).toContain('en-US: smallIconUri file://assets/images/spine-nidra-small-icon.png is 100x100, not 108x108');
  });

  it('fails an icon that is not a PNG, or that is hosted where it cannot be checked', () => {
    writeFileSync(join(dir, 'assets', 'images', 'spine-nidra-small-icon.png'), 'GIF89a');
    editSkill((skill) => {
      locale(skill, 'en-AU').largeIconUri = 'https://cdn.example.org/icon.png';
    });
    const problems = checkIcons(readSkillPackage(dir)).problems;
    expect(problems).toContain('en-AU: smallIconUri file://assets/images/spine-nidra-small-icon.png: not a PNG (bad signature)');
    expect(problems).toContain(
      'en-AU: largeIconUri https://cdn.example.org/icon.png is not a package asset (file://...), so it cannot be checked offline',
    );
  });

  it('fails a plain http link', () => {
    editSkill((skill) => {
      skill.manifest.privacyAndCompliance!.locales!['en-CA'].privacyPolicyUrl = 'http://spine-nidra.test/privacy.html';
    });
    expect(checkUrls(readSkillPackage(dir)).problems).toEqual([
      'manifest.privacyAndCompliance.locales.en-CA.privacyPolicyUrl is not https: http://spine-nidra.test/privacy.html',
    ]);
  });

  it('fails a description that promises what the skill does not do, or quotes what it cannot hear', () => {
    editSkill((skill) => {
      locale(skill).description += ' Fall asleep to music, and say "turn the volume up" any time.';
    });
    expect(checkDescription(readSkillPackage(dir)).problems).toEqual([
      'en-GB: the description mentions "music", which Spine Nidra does not offer',
      'en-GB: the description quotes "turn the volume up", which no sample utterance hears',
    ]);
  });

  it('fails a description that names a feature whose intents the model lacks', () => {
    const modelPath = join(dir, 'interactionModels', 'custom', 'en-US.json');
    const model = JSON.parse(readFileSync(modelPath, 'utf8'));
    model.interactionModel.languageModel.intents = model.interactionModel.languageModel.intents.filter(
      (i: { name: string }) => i.name !== 'TimeLeftIntent',
    );
    writeFileSync(modelPath, JSON.stringify(model));
    expect(checkDescription(readSkillPackage(dir)).problems).toEqual([
      'en-US: the description mentions time left, but the package lacks TimeLeftIntent',
      'en-US: the description quotes "how much time is left", which no sample utterance hears',
    ]);
  });

  it('fails an intent that no handler takes', async () => {
    const modelPath = join(dir, 'interactionModels', 'custom', 'en-US.json');
    const model = JSON.parse(readFileSync(modelPath, 'utf8'));
    model.interactionModel.languageModel.intents.push({ name: 'PlayMusicIntent', samples: ['play some music'] });
    writeFileSync(modelPath, JSON.stringify(model));
    expect((await checkIntentsHandled(readSkillPackage(dir))).problems).toEqual([
      'en-US PlayMusicIntent with nothing playing: the fallback handler answered',
      'en-US PlayMusicIntent during the practice: the fallback handler answered',
    ]);
  });

  it('fails when the audio is not rendered, saying what to run', async () => {
    const result = await checkAudio(join(dir, 'no-audio'));
    expect(result.problems).toEqual([expect.stringContaining('run `npm run audio`')]);
    expect(formatResults([result])).toMatch(/^FAIL audio\n {5}- .*no manifest\.json.*\ncertify: 1 of 1 checks FAILED$/);
  });
});
