/**
 * Imports run one way. What the Lambda ships (lambda/) never reaches into tools, the local server,
 * the test kit or the tests; the pure core and playback rules never reach the shell, the store or
 * Alexa's APIs; the benchmark and the test kit never lean on the tests; models depend on nothing.
 * Type-only imports count too: a boundary is a boundary.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const FOLDERS = ['lambda', 'local', 'testkit', 'tools', 'bench', 'models', 'test'];

/** Where each relative import of a file lands, as repo-relative paths without extensions. */
function importsOf(file: string, text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles
    .map((entry) => entry.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.relative(ROOT, path.resolve(path.dirname(file), spec)).replace(/\.(ts|js)$/, ''));
}

interface Rule {
  from: RegExp;
  to: RegExp;
  why: string;
}

const RULES: Rule[] = [
  { from: /^lambda\//, to: /^(tools|local|testkit|test|bench)\//, why: 'the Lambda ships only lambda/ (and models/)' },
  { from: /^lambda\/(core|playback)\//, to: /^lambda\/(skill|store|alexa|clips)\//, why: 'the core decides from facts; it does no I/O' },
  { from: /^lambda\/playback\//, to: /^lambda\/core\//, why: 'playback rules are below the core' },
  { from: /^(bench|testkit|local|tools)\//, to: /^test\//, why: 'only tests depend on tests' },
  { from: /^models\//, to: /^(lambda|tools|local|testkit|test|bench)\//, why: 'models are contracts shared by all, depending on none' },
];

function violations(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const from = path.relative(ROOT, file);
    for (const target of importsOf(file, text)) {
      for (const rule of RULES) if (rule.from.test(from) && rule.to.test(target)) found.push(`${from} imports ${target}: ${rule.why}`);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(name) ? [full] : [];
  });
}

const files = Object.fromEntries(FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder))).map((file) => [file, readFileSync(file, 'utf8')]));

it("finds the project's source files", () => {
  expect(Object.keys(files).length).toBeGreaterThan(150);
});

it('no import runs the wrong way', () => {
  expect(violations(files)).toEqual([]);
});

it.each([
  ['lambda/skill/x.ts', "import { x } from '../../tools/build';", 'the Lambda ships only'],
  ['lambda/index.ts', "import type { Y } from '../local/server';", 'the Lambda ships only'],
  ['lambda/core/x.ts', "import { apply } from '../skill/apply';", 'no I/O'],
  ['lambda/playback/x.ts', "const s = require('../store/wire');", 'no I/O'],
  ['bench/x.ts', "import { h } from '../test/support/harness';", 'only tests'],
  ['models/x.ts', "export { a } from '../lambda/playback/plan';", 'depending on none'],
])('flags a planted wrong import: %s', (file, text, why) => {
  expect(violations({ [path.join(ROOT, file)]: text }).join('\n')).toContain(why);
});
