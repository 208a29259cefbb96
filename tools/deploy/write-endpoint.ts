/**
 * `npm run deploy:endpoint [-- <function-arn>] [--skill-id <id>] [--audio-base-url <https url>]
 * [--out dist/ask] [--stage prod]`: writes a ready-to-deploy ASK CLI project: a copy of
 * skill-package/ whose skill.json endpoint is the deployed function's ARN and whose privacy and
 * terms links are the pages deploy:audio uploaded beside the audio, plus ask-resources.json and
 * .ask/ask-states.json naming the skill. Then `cd dist/ask && ask deploy --target skill-metadata`.
 * The ARN, skill id and audio base default to the stack's outputs (serverless info). The committed skill-package/ keeps its placeholder ARN, so it stays
 * exactly what tools/skill-package/generate.ts writes (test/skill-package.test.ts checks that) and
 * no account id lands in git.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { legalUrls } from '../legal/pages';
import { ROOT } from './serverless';
import { flag, stackOutput } from './stack-outputs';

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+$/;
const SKILL_ID = /^amzn1\.ask\.skill\.[0-9a-f-]{36}$/;
const PLACEHOLDER_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';

interface SkillManifest {
  manifest: {
    apis: { custom: { endpoint: { uri: string } } };
    events?: { endpoint: { uri: string } };
    privacyAndCompliance?: { locales?: Record<string, { privacyPolicyUrl?: string; termsOfUseUrl?: string }> };
  };
}

/** skill.json text with the custom and events endpoints set, in the generator's format (2 spaces, final newline). */
export function withEndpoint(skillJson: string, functionArn: string): string {
  if (!LAMBDA_ARN.test(functionArn)) throw new Error(`not a Lambda function ARN: ${functionArn}`);
  const skill = JSON.parse(skillJson) as SkillManifest;
  skill.manifest.apis.custom.endpoint = { ...skill.manifest.apis.custom.endpoint, uri: functionArn };
  // Skill events (SKILL_DISABLED) go to the same function.
  if (skill.manifest.events) skill.manifest.events.endpoint = { ...skill.manifest.events.endpoint, uri: functionArn };
  return `${JSON.stringify(skill, null, 2)}\n`;
}

/** skill.json text with every locale's privacy policy and terms linked to the pages under the audio base. */
export function withLegalUrls(skillJson: string, audioBaseUrl: string): string {
  if (!/^https:\/\/[^/\s]+/.test(audioBaseUrl)) throw new Error(`the audio base must be an https URL, not ${audioBaseUrl}`);
  const skill = JSON.parse(skillJson) as SkillManifest;
  const urls = legalUrls(audioBaseUrl);
  for (const locale of Object.values(skill.manifest.privacyAndCompliance?.locales ?? {})) Object.assign(locale, urls);
  return `${JSON.stringify(skill, null, 2)}\n`;
}

export interface AskProject {
  functionArn: string;
  skillId: string;
  /** The stack's AudioBaseUrl: the privacy policy and terms are served under it (legal/). */
  audioBaseUrl: string;
  /** The project directory to create (replaced if it exists). */
  outDir: string;
  /** The skill package to copy; the committed one by default. */
  sourceDir?: string;
}

/** Writes `<outDir>/skill-package`, `<outDir>/ask-resources.json` and `<outDir>/.ask/ask-states.json`. */
export function writeAskProject(project: AskProject): string[] {
  if (!SKILL_ID.test(project.skillId) || project.skillId === PLACEHOLDER_SKILL_ID) {
    throw new Error(`a real skill id is needed (deploy with --param="skillId=…"), not ${project.skillId}`);
  }
  const source = project.sourceDir ?? join(ROOT, 'skill-package');
  const packageDir = join(project.outDir, 'skill-package');
  if (resolve(source) === resolve(packageDir)) throw new Error('the output must not be the source skill package');
  rmSync(project.outDir, { recursive: true, force: true });
  mkdirSync(join(project.outDir, '.ask'), { recursive: true });
  cpSync(source, packageDir, { recursive: true });
  const skillJson = join(packageDir, 'skill.json');
  writeFileSync(skillJson, withLegalUrls(withEndpoint(readFileSync(skillJson, 'utf8'), project.functionArn), project.audioBaseUrl));
  const resources = { askcliResourcesVersion: '2020-03-31', profiles: { default: { skillMetadata: { src: './skill-package' } } } };
  const states = { askcliStatesVersion: '2020-03-31', profiles: { default: { skillId: project.skillId } } };
  const written = [skillJson, join(project.outDir, 'ask-resources.json'), join(project.outDir, '.ask', 'ask-states.json')];
  writeFileSync(written[1], `${JSON.stringify(resources, null, 2)}\n`);
  writeFileSync(written[2], `${JSON.stringify(states, null, 2)}\n`);
  return written;
}

async function main(argv: readonly string[]): Promise<void> {
  const stage = flag(argv, '--stage') ?? 'prod';
  const region = flag(argv, '--region');
  const positional = argv[0] && !argv[0].startsWith('--') ? argv[0] : undefined;
  const functionArn = positional ?? flag(argv, '--arn') ?? (await stackOutput('SkillFunctionArn', { stage, region }));
  const skillId = flag(argv, '--skill-id') ?? (await stackOutput('SkillId', { stage, region }));
  const audioBaseUrl = flag(argv, '--audio-base-url') ?? (await stackOutput('AudioBaseUrl', { stage, region }));
  const outDir = resolve(flag(argv, '--out') ?? join(ROOT, 'dist', 'ask'));
  if (!existsSync(join(ROOT, 'skill-package', 'skill.json'))) throw new Error('skill-package/skill.json is missing: npm run skill-package');
  for (const file of writeAskProject({ functionArn, skillId, audioBaseUrl, outDir })) console.log(`wrote ${file}`);
  console.log(`Privacy policy ${legalUrls(audioBaseUrl).privacyPolicyUrl} (uploaded by npm run deploy:audio).`);
  console.log(`Endpoint ${functionArn} for skill ${skillId}. Next: cd ${outDir} && ask deploy --target skill-metadata`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
