/**
 * `npm run package` / `npm run deploy`: builds the Lambda bundle, then runs osls (the maintained
 * fork of Serverless Framework v3: no telemetry, no login, no binary download) on serverless.yml,
 * so packaging works offline and never waits on the network.
 *   package [-- --package <dir>] [serverless options]  CloudFormation template + zip, no AWS calls.
 *     Without rendered audio it builds from an estimated manifest (and says so): fine for
 *     inspecting the template, never for deploying.
 *   deploy [-- --param="skillId=amzn1.ask.skill.…"]     needs `npm run audio` output first.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildForDeploy, type BuildInfo } from '../build';

export const ROOT = resolve(__dirname, '..', '..');
const SERVERLESS = join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');

/** osls sends no telemetry; its deprecation notices are noise in packaging output. */
export const OFFLINE_ENV = { SLS_DEPRECATION_DISABLE: '*' };

export function runServerless(
  args: readonly string[],
  serviceDir = ROOT,
  echo = serviceDir === ROOT,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [SERVERLESS, ...args], {
      cwd: serviceDir,
      env: { ...env, ...OFFLINE_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

export interface PackageResult {
  build: BuildInfo;
  /** Where serverless wrote the template and zip. */
  outDir: string;
}

/**
 * Builds the bundle into `<serviceDir>/dist/lambda/` and packages the service there. Tests pass a
 * scratch copy of serverless.yml as `serviceDir`, so they never touch the working tree's build.
 */
export interface PackageOptions {
  serviceDir?: string;
  outDir?: string;
  stage?: string;
  extraArgs?: readonly string[];
  /** Where rendered audio is looked for (default: AUDIO_DIR or <repo>/audio). */
  audioDir?: string;
  env?: NodeJS.ProcessEnv;
}

export async function packageService(options: PackageOptions = {}): Promise<PackageResult> {
  const serviceDir = options.serviceDir ?? ROOT;
  const outDir = resolve(serviceDir, options.outDir ?? '.serverless');
  if (serviceDir !== ROOT) {
    mkdirSync(join(serviceDir, 'ops'), { recursive: true });
    for (const file of ['serverless.yml', join('ops', 'monitoring.yml')]) copyFileSync(join(ROOT, file), join(serviceDir, file));
  }
  mkdirSync(join(serviceDir, 'dist', 'lambda'), { recursive: true });
  const build = await buildForDeploy({ allowEstimated: true, outfile: join(serviceDir, 'dist', 'lambda', 'index.js'), audioDir: options.audioDir });
  const args = ['package', '--stage', options.stage ?? 'prod', '--package', outDir, ...(options.extraArgs ?? [])];
  const { code, output } = await runServerless(args, serviceDir, serviceDir === ROOT, options.env);
  if (code !== 0) throw new Error(`serverless package failed (${code}):\n${output}`);
  return { build, outDir };
}

/** The skill id from `--param skillId=…` / `--param=skillId=…`, if it looks real. */
export function skillIdParam(args: readonly string[]): string | undefined {
  const params = args.flatMap((arg, i) =>
    arg === '--param' ? [args[i + 1] ?? ''] : arg.startsWith('--param=') ? [arg.slice('--param='.length)] : [],
  );
  const id = params.map((param) => /^skillId=(.*)$/.exec(param.replace(/^["']|["']$/g, ''))?.[1]).find(Boolean);
  return id && /^amzn1\.ask\.skill\.[0-9a-f-]{36}$/.test(id) && !/^amzn1\.ask\.skill\.[0-]+$/.test(id) ? id : undefined;
}

async function main(command: string | undefined, args: string[]): Promise<void> {
  if (command === 'package') {
    const at = args.indexOf('--package');
    const outDir = at >= 0 ? args[at + 1] : undefined;
    const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
    const { build, outDir: written } = await packageService({ outDir, extraArgs: rest });
    console.log(`Packaged into ${written} (bundle ${(build.bytes / 1024).toFixed(0)} KB, ${build.manifest} manifest)`);
    if (build.manifest === 'estimated')
      console.warn('warning: no rendered audio, so the bundle names files that do not exist: run `npm run audio` before deploying.');
  } else if (command === 'deploy') {
    // Without the real skill id the Alexa trigger would fall back to the template's placeholder.
    if (!skillIdParam(args))
      throw new Error('Pass the skill id: npm run deploy -- --param="skillId=amzn1.ask.skill.<id>" (README: Deploying to AWS)');
    // Refuses to build without rendered audio: a deployed skill must name files that exist.
    const build = await buildForDeploy({ allowEstimated: false });
    console.log(`Built the Lambda bundle (${(build.bytes / 1024).toFixed(0)} KB) from rendered audio.`);
    const { code } = await runServerless(['deploy', '--stage', 'prod', ...args]);
    if (code !== 0) throw new Error(`serverless deploy failed (${code})`);
    console.log('Next: npm run deploy:audio, then npm run deploy:endpoint, then `ask deploy` (README).');
  } else {
    throw new Error('usage: tsx tools/deploy/serverless.ts package|deploy [serverless options]');
  }
}

if (require.main === module) {
  main(process.argv[2], process.argv.slice(3)).catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
