/** A skill package directory (skill.json, interactionModels/custom/<locale>.json) as certify reads it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ModelSlot {
  name: string;
  type: string;
}
export interface ModelIntent {
  name: string;
  slots?: ModelSlot[];
  samples?: string[];
}
export interface SlotTypeValue {
  id?: string;
  name: { value: string; synonyms?: string[] };
}
export interface LanguageModel {
  invocationName: string;
  intents: ModelIntent[];
  types?: Array<{ name: string; values: SlotTypeValue[] }>;
}
export interface LocalePublishing {
  name?: string;
  summary?: string;
  description?: string;
  examplePhrases?: string[];
  smallIconUri?: string;
  largeIconUri?: string;
}
export interface SkillJson {
  manifest: {
    publishingInformation?: { locales?: Record<string, LocalePublishing>; testingInstructions?: string };
    apis?: { custom?: { endpoint?: { uri?: string }; interfaces?: Array<{ type: string }> } };
    permissions?: Array<{ name: string }>;
    privacyAndCompliance?: { locales?: Record<string, { privacyPolicyUrl?: string; termsOfUseUrl?: string }> };
    [key: string]: unknown;
  };
}

export interface SkillPackage {
  dir: string;
  skill: SkillJson;
  /** locale -> its interaction model's language model. */
  models: Record<string, LanguageModel>;
}

export function readSkillPackage(dir: string): SkillPackage {
  const skillPath = join(dir, 'skill.json');
  if (!existsSync(skillPath)) throw new Error(`no skill.json in ${dir} (npm run skill-package writes it)`);
  const skill = JSON.parse(readFileSync(skillPath, 'utf8')) as SkillJson;
  const modelsDir = join(dir, 'interactionModels', 'custom');
  const files = existsSync(modelsDir) ? readdirSync(modelsDir).filter((name) => name.endsWith('.json')) : [];
  const models = Object.fromEntries(
    files.map((name) => {
      const data = JSON.parse(readFileSync(join(modelsDir, name), 'utf8')) as { interactionModel: { languageModel: LanguageModel } };
      return [name.replace(/\.json$/, ''), data.interactionModel.languageModel];
    }),
  );
  return { dir, skill, models };
}
