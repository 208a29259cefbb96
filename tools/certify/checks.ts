/**
 * The offline checks `npm run certify` runs on a skill package: each takes what it checks as
 * arguments (a package directory, an audio directory) and returns its problems, so tests can run
 * them on a broken copy. See tools/certify/run.ts for the order and the report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPngInfo } from '../images/png-read';
import { createSmapiValidator, INTERACTION_MODEL_DEFINITION, MANIFEST_DEFINITION } from '../skill-package/smapi-schema';
import { findSample, parseExamplePhrase } from './phrases';
import type { SkillPackage } from './skill-package-files';

export interface CheckResult {
  name: string;
  problems: string[];
  /** What was checked, for the report when it passes. */
  summary: string;
}

/** Every example phrase of every locale is heard by that locale's model; the first one opens the skill. */
export function checkExamplePhrases(pkg: SkillPackage): CheckResult {
  const problems: string[] = [];
  let count = 0;
  for (const [locale, info] of Object.entries(pkg.skill.manifest.publishingInformation?.locales ?? {})) {
    const model = pkg.models[locale];
    const phrases = info.examplePhrases ?? [];
    if (!model) problems.push(`${locale}: no interaction model for a published locale`);
    if (phrases.length === 0 || phrases.length > 3) problems.push(`${locale}: ${phrases.length} example phrases (1 to 3 allowed)`);
    if (!model) continue;
    phrases.forEach((phrase, index) => {
      count += 1;
      const parsed = parseExamplePhrase(phrase, model.invocationName);
      if (parsed.kind === 'malformed') return void problems.push(`${locale}: "${phrase}" ${parsed.reason}`);
      if (index === 0 && parsed.kind !== 'launch')
        problems.push(`${locale}: the first example phrase must open the skill ("Alexa, open ${model.invocationName}")`);
      if (parsed.kind === 'request' && !parsed.utterances.some((utterance) => findSample(model, utterance))) {
        problems.push(`${locale}: "${phrase}": no sample utterance hears "${parsed.utterances[0]}" (with its slot values in the slot type)`);
      }
    });
  }
  return { name: 'example phrases', problems, summary: `${count} example phrases match sample utterances` };
}

const ICONS = [
  ['smallIconUri', 108],
  ['largeIconUri', 512],
] as const;

/** Each locale's icons are package assets (file://) that exist, are PNGs, and have Alexa's sizes. */
export function checkIcons(pkg: SkillPackage): CheckResult {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [locale, info] of Object.entries(pkg.skill.manifest.publishingInformation?.locales ?? {})) {
    for (const [field, size] of ICONS) {
      const uri = info[field];
      if (!uri) {
        problems.push(`${locale}: no ${field}`);
        continue;
      }
      if (!uri.startsWith('file://')) {
        problems.push(`${locale}: ${field} ${uri} is not a package asset (file://...), so it cannot be checked offline`);
        continue;
      }
      const path = join(pkg.dir, uri.slice('file://'.length));
      if (!existsSync(path)) {
        problems.push(`${locale}: ${field} ${uri}: the file is missing (npm run skill-package draws it)`);
        continue;
      }
      try {
        const { width, height } = readPngInfo(readFileSync(path));
        if (width !== size || height !== size) problems.push(`${locale}: ${field} ${uri} is ${width}x${height}, not ${size}x${size}`);
        else seen.add(uri);
      } catch (error) {
        problems.push(`${locale}: ${field} ${uri}: ${(error as Error).message}`);
      }
    }
  }
  return { name: 'icons', problems, summary: `${[...seen].join(', ')} are PNGs of 108 and 512 pixels` };
}

/** Placeholders the committed package carries until `npm run deploy:endpoint` fills in the real values. */
export const PLACEHOLDER_PATTERNS = [/\.example\.com\b/, /:000000000000:/];

function strings(value: unknown, path: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, index) => strings(item, `${path}[${index}]`, out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) strings(item, path ? `${path}.${key}` : key, out);
  return out;
}

/**
 * Every URL in skill.json is https (package assets, file://, are uploaded by the ASK CLI). With
 * `deployed`, placeholders (example.com pages, the zero-account Lambda ARN) fail too.
 */
export function checkUrls(pkg: SkillPackage, options: { deployed?: boolean } = {}): CheckResult {
  const problems: string[] = [];
  const notes: string[] = [];
  let count = 0;
  for (const [path, value] of strings(pkg.skill.manifest, 'manifest', [])) {
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /Url$|Uri$/.test(path);
    if (isUrl) {
      count += 1;
      if (!value.startsWith('https://') && !value.startsWith('file://assets/') && !value.startsWith('arn:')) {
        problems.push(`${path} is not https: ${value}`);
      }
    }
    const placeholder = PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(value));
    if (placeholder && options.deployed) problems.push(`${path} is still a placeholder: ${value} (npm run deploy:endpoint fills it in)`);
    else if (placeholder && !notes.includes(path)) notes.push(path);
  }
  const pending = notes.length ? `; ${notes.length} placeholder(s) left for npm run deploy:endpoint` : '';
  return { name: 'https URLs', problems, summary: `${count} URLs are https or package assets${pending}` };
}

/** The SMAPI schema check the tests run (tools/skill-package/smapi-schema.ts). */
export function checkPackageValidates(pkg: SkillPackage): CheckResult {
  const validate = createSmapiValidator();
  const problems: string[] = [];
  const result = validate(MANIFEST_DEFINITION, pkg.skill);
  problems.push(...result.errors.map((error) => `skill.json: ${error}`));
  for (const locale of Object.keys(pkg.models)) {
    const data = JSON.parse(readFileSync(join(pkg.dir, 'interactionModels', 'custom', `${locale}.json`), 'utf8')) as unknown;
    problems.push(...validate(INTERACTION_MODEL_DEFINITION, data).errors.map((error) => `${locale}.json: ${error}`));
  }
  return {
    name: 'package validates',
    problems,
    summary: `skill.json and ${Object.keys(pkg.models).length} interaction models match the SMAPI schema`,
  };
}
