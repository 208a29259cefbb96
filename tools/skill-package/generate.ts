/**
 * Generates the ASK CLI v2 skill package from TypeScript source:
 *   skill-package/skill.json
 *   skill-package/interactionModels/custom/<locale>.json
 *   skill-package/assets/images/spine-nidra-{small,large}-icon.png (tools/images/skill-icons.ts)
 *   skill-package/tasks/StartPractice.1.json (tools/skill-package/tasks.ts: the routine's task)
 * `npm run skill-package` writes them; test/skill-package.test.ts checks the committed files match.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ICON_SIZES, iconPath, renderIcon, type IconSize } from '../images/skill-icons';
import { buildInteractionModel } from './interaction-model';
import { LOCALES } from './locales';
import { buildSkillManifest } from './manifest';
import { startPracticeTaskDefinition, TASKS, taskDefinitionPath } from './tasks';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Every generated file: repo-relative path -> JSON content, or a PNG's bytes. Pure; touches no files. */
export function generateSkillPackage(): Record<string, unknown> {
  const files: Record<string, unknown> = { 'skill-package/skill.json': buildSkillManifest() };
  for (const locale of LOCALES) {
    files[`skill-package/interactionModels/custom/${locale}.json`] = buildInteractionModel(locale);
  }
  for (const size of Object.keys(ICON_SIZES) as IconSize[]) files[`skill-package/${iconPath(size)}`] = renderIcon(size);
  for (const task of TASKS) files[`skill-package/${taskDefinitionPath(task.name, task.version)}`] = startPracticeTaskDefinition();
  return files;
}

/** How a generated file is written: 2-space JSON with a trailing newline; bytes as they are. */
export function serialize(content: unknown): string | Buffer {
  return Buffer.isBuffer(content) ? content : `${JSON.stringify(content, null, 2)}\n`;
}

export function writeSkillPackage(root: string = REPO_ROOT): string[] {
  const written: string[] = [];
  for (const [path, content] of Object.entries(generateSkillPackage())) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, serialize(content));
    written.push(path);
  }
  return written;
}

if (require.main === module) {
  for (const path of writeSkillPackage()) console.log(`wrote ${path}`);
}
