/** npm run deploy:endpoint: the ASK CLI project it writes for `ask deploy`, from the committed skill package. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { skillIdParam } from '../../tools/deploy/serverless';
import { parseStackOutputs } from '../../tools/deploy/stack-outputs';
import { checkIcons, checkUrls } from '../../tools/certify/checks';
import { readSkillPackage } from '../../tools/certify/skill-package-files';
import { withEndpoint, withLegalUrls, writeAskProject } from '../../tools/deploy/write-endpoint';

const ROOT = join(__dirname, '..', '..');
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:spine-nidra-prod-skill';
const SKILL_ID = 'amzn1.ask.skill.12345678-1234-4321-8765-1234567890ab';
const AUDIO_BASE_URL = 'https://d111111abcdef8.cloudfront.net';
const committed = (path: string) => readFileSync(join(ROOT, 'skill-package', path), 'utf8');

describe('npm run deploy:endpoint', () => {
  it('sets the function ARN as the skill and skill-events endpoint and changes nothing else', () => {
    const before = JSON.parse(committed('skill.json'));
    const after = JSON.parse(withEndpoint(committed('skill.json'), ARN));
    expect(after.manifest.apis.custom.endpoint).toEqual({ uri: ARN });
    expect(after.manifest.events.endpoint).toEqual({ uri: ARN });
    expect(after.manifest.events.subscriptions).toEqual([{ eventName: 'SKILL_DISABLED' }]);
    after.manifest.apis.custom.endpoint = before.manifest.apis.custom.endpoint;
    after.manifest.events.endpoint = before.manifest.events.endpoint;
    expect(after).toEqual(before);
    expect(withEndpoint(committed('skill.json'), ARN).endsWith('}\n')).toBe(true);
  });

  it.each(['arn:aws:lambda:us-east-1:123:function:x', 'https://example.com/skill', `${ARN}:live`])('refuses %s as an endpoint', (arn) => {
    expect(() => withEndpoint(committed('skill.json'), arn)).toThrow(/not a Lambda function ARN/);
  });

  it('writes a complete ASK project in its own directory, leaving skill-package/ untouched', () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'spine-nidra-ask-')), 'ask');
    const skillBefore = committed('skill.json');
    writeAskProject({ functionArn: ARN, skillId: SKILL_ID, audioBaseUrl: AUDIO_BASE_URL, outDir });
    expect(committed('skill.json')).toBe(skillBefore);
    expect(existsSync(join(outDir, 'skill-package', 'assets', 'images', 'spine-nidra-large-icon.png'))).toBe(true);
    // What certify --deployed asks of the package that is submitted: no placeholder left, icons in place.
    const deployed = readSkillPackage(join(outDir, 'skill-package'));
    expect(checkUrls(deployed, { deployed: true }).problems).toEqual([]);
    expect(checkIcons(deployed).problems).toEqual([]);
    expect(JSON.parse(readFileSync(join(outDir, 'skill-package', 'skill.json'), 'utf8')).manifest.apis.custom.endpoint.uri).toBe(ARN);
    const models = readdirSync(join(ROOT, 'skill-package', 'interactionModels', 'custom'));
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) {
      expect(readFileSync(join(outDir, 'skill-package', 'interactionModels', 'custom', model), 'utf8')).toBe(
        committed(join('interactionModels', 'custom', model)),
      );
    }
    expect(JSON.parse(readFileSync(join(outDir, 'ask-resources.json'), 'utf8'))).toEqual({
      askcliResourcesVersion: '2020-03-31',
      profiles: { default: { skillMetadata: { src: './skill-package' } } },
    });
    expect(JSON.parse(readFileSync(join(outDir, '.ask', 'ask-states.json'), 'utf8'))).toEqual({
      askcliStatesVersion: '2020-03-31',
      profiles: { default: { skillId: SKILL_ID } },
    });
  });

  it('refuses the placeholder skill id the template defaults to', () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'spine-nidra-ask-')), 'ask');
    expect(() =>
      writeAskProject({ functionArn: ARN, skillId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000', audioBaseUrl: AUDIO_BASE_URL, outDir }),
    ).toThrow(/real skill id/);
  });

  it("links every locale's privacy policy and terms to the pages deploy:audio uploads beside the audio", () => {
    const after = JSON.parse(withLegalUrls(committed('skill.json'), `${AUDIO_BASE_URL}/`));
    const locales = Object.values(after.manifest.privacyAndCompliance.locales);
    expect(locales).toHaveLength(5);
    for (const urls of locales) {
      expect(urls).toEqual({ privacyPolicyUrl: `${AUDIO_BASE_URL}/legal/privacy.html`, termsOfUseUrl: `${AUDIO_BASE_URL}/legal/terms.html` });
    }
    expect(() => withLegalUrls(committed('skill.json'), 'http://d111111abcdef8.cloudfront.net')).toThrow(/https/);
  });

  it('runs from the command line with the ARN as its argument', async () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'spine-nidra-ask-')), 'ask');
    const cli = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [
      cli,
      join(ROOT, 'tools', 'deploy', 'write-endpoint.ts'),
      ARN,
      '--skill-id',
      SKILL_ID,
      '--audio-base-url',
      AUDIO_BASE_URL,
      '--out',
      outDir,
    ]);
    expect(stdout).toContain(`Next: cd ${outDir} && ask deploy --target skill-metadata`);
    expect(readFileSync(join(outDir, 'skill-package', 'skill.json'), 'utf8')).toBe(
      withLegalUrls(withEndpoint(committed('skill.json'), ARN), AUDIO_BASE_URL),
    );
  });

  it('npm run deploy insists on a real skill id, so the Alexa trigger never falls back to the placeholder', () => {
    expect(skillIdParam([`--param=skillId=${SKILL_ID}`])).toBe(SKILL_ID);
    expect(skillIdParam(['--region', 'eu-west-1', '--param', `skillId=${SKILL_ID}`])).toBe(SKILL_ID);
    expect(skillIdParam([])).toBeUndefined();
    expect(skillIdParam(['--param=skillId=amzn1.ask.skill.00000000-0000-0000-0000-000000000000'])).toBeUndefined();
    expect(skillIdParam(['--param=skillId=my-skill'])).toBeUndefined();
  });

  it('reads the stack outputs from `serverless info --verbose`', () => {
    const info = [
      'service: spine-nidra',
      'stage: prod',
      'functions:',
      '  skill: spine-nidra-prod-skill',
      '',
      '\u001b[90mStack Outputs:\u001b[39m',
      `  SkillFunctionArn: ${ARN}`,
      '  AudioBaseUrl: https://d111111abcdef8.cloudfront.net',
      `  SkillId: ${SKILL_ID}`,
      '',
      'Need a faster logging experience than CloudWatch? Try our Dev Mode in Console: run "serverless dev"',
    ].join('\n');
    expect(parseStackOutputs(info)).toEqual({ SkillFunctionArn: ARN, AudioBaseUrl: 'https://d111111abcdef8.cloudfront.net', SkillId: SKILL_ID });
    expect(parseStackOutputs('no stack here')).toEqual({});
  });
});
