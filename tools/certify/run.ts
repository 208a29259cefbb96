/**
 * `npm run certify [-- --package <dir>] [--audio <dir>] [--deployed]`: what Alexa certification
 * checks, offline, on a skill package (skill-package/ by default; after `npm run deploy:endpoint`,
 * dist/ask/skill-package with --deployed, which also fails on placeholders). Exits non-zero when
 * any check fails. The audio is not rendered here: certify checks what would be uploaded, and
 * says so when there is nothing (run `npm run audio` first; .ci/run does).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkAudioDir, formatCheckReport } from '../audio/check';
import { flag } from '../deploy/stack-outputs';
import { REPO_ROOT } from '../skill-package/generate';
import { checkExamplePhrases, checkIcons, checkPackageValidates, checkUrls, type CheckResult } from './checks';
import { checkDescription } from './description';
import { checkIntentsHandled } from './handled-intents';
import { readSkillPackage } from './skill-package-files';

/** The same figures as `npm run audio:check`; a missing render is a failure, not a skip. */
export async function checkAudio(audioDir: string): Promise<CheckResult> {
  if (!existsSync(join(audioDir, 'manifest.json'))) {
    return {
      name: 'audio',
      problems: [`${audioDir} holds no rendered practice (no manifest.json): run \`npm run audio\` (about 80 s), then certify again`],
      summary: '',
    };
  }
  const report = await checkAudioDir(audioDir);
  return {
    name: 'audio',
    problems: report.problems.map((problem) => `${problem.file}: ${problem.message}`),
    summary: formatCheckReport(report)
      .split('\n')[0]
      .replace(/^audio:check: /, ''),
  };
}

export interface CertifyOptions {
  packageDir: string;
  audioDir: string;
  deployed?: boolean;
}

export async function certify(options: CertifyOptions): Promise<CheckResult[]> {
  const pkg = readSkillPackage(options.packageDir);
  return [
    checkPackageValidates(pkg),
    checkExamplePhrases(pkg),
    checkIcons(pkg),
    checkUrls(pkg, { deployed: options.deployed }),
    checkDescription(pkg),
    await checkIntentsHandled(pkg),
    await checkAudio(options.audioDir),
  ];
}

export function formatResults(results: readonly CheckResult[]): string {
  const lines = results.flatMap((result) =>
    result.problems.length
      ? [`FAIL ${result.name}`, ...result.problems.map((problem) => `     - ${problem}`)]
      : [`ok   ${result.name}: ${result.summary}`],
  );
  const failed = results.filter((result) => result.problems.length).length;
  lines.push(failed ? `certify: ${failed} of ${results.length} checks FAILED` : `certify: all ${results.length} checks passed`);
  return lines.join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  const packageDir = resolve(flag(argv, '--package') ?? join(REPO_ROOT, 'skill-package'));
  const audioDir = resolve(flag(argv, '--audio') ?? process.env.AUDIO_DIR ?? join(REPO_ROOT, 'audio'));
  const results = await certify({ packageDir, audioDir, deployed: argv.includes('--deployed') });
  console.log(`certify: ${packageDir}`);
  console.log(formatResults(results));
  if (results.some((result) => result.problems.length)) process.exitCode = 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(`certify: ${error.message}`);
    process.exitCode = 1;
  });
}
