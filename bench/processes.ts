/** Child processes for the benchmark: whole-process cold starts, and long-lived warm servers. */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { RESULT_MARKER, type ColdResult, type ServeReply } from './protocol';

export interface ColdRun extends ColdResult {
  /** Spawn to exit, as the parent saw it. */
  wallMs: number;
}

/** The node that runs the skills; `--node <path>` picks another (say, the Lambda runtime's major version). */
let nodeBinary = process.execPath;
export function useNode(path: string): void {
  nodeBinary = path;
}
export const childNode = () => nodeBinary;

/**
 * Cold runs can be pinned to one CPU per round (Linux `taskset`), so that a round's `node -e 0`,
 * our cold start and the baseline's all run on the same core. On a VM whose vCPUs differ in speed
 * (this machine's two differ by about 30% for `node -e 0`), unpinned runs land on either core at
 * random, and the medians of the two skills then mix the cores differently from run to run.
 */
let pinnedCpu: number | undefined;
export function canPinCpus(): boolean {
  return process.platform === 'linux' && cpus().length > 1 && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}
/** Pins the cold runs that follow to `cpu` (undefined: wherever the OS puts them). */
export function pinColdRuns(cpu: number | undefined): void {
  pinnedCpu = cpu;
}

function minimalEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // Only what node needs plus the skill's settings: no inherited AWS profile or credentials.
  // NODE_NO_WARNINGS: the SDK warns on node < 22 (Lambda runs 24); printing it is not the skill's cost.
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_NO_WARNINGS: '1', ...extra };
}

function run(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<{ wallMs: number; stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // taskset execs node in place, so the wall time is node's own plus one exec, alike for every run.
    const [command, argv] = pinnedCpu === undefined ? [nodeBinary, args] : ['taskset', ['-c', String(pinnedCpu), nodeBinary, ...args]];
    const child = spawn(command, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(0, 2000)}`));
      else resolve({ wallMs, stdout, code });
    });
  });
}

/** `node -e 0`: what any process costs before the skill does anything. */
export async function bareRun(): Promise<number> {
  return (await run(['-e', '0'], minimalEnv({}))).wallMs;
}

/** A process that only loads these packages from `cwd`'s node_modules, as a runtime-provided SDK is loaded. */
export async function requireRun(packages: readonly string[], cwd: string): Promise<number> {
  const script = packages.map((name) => `require(${JSON.stringify(name)});`).join('');
  return (await run(['-e', script], minimalEnv({}), cwd)).wallMs;
}

export async function coldRun(child: string, bundle: string, eventFile: string, env: Record<string, string>): Promise<ColdRun> {
  const { wallMs, stdout } = await run([child, 'cold', bundle, eventFile], minimalEnv(env));
  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
  if (!line) throw new Error(`${bundle} printed no result:\n${stdout.slice(0, 2000)}`);
  const result = JSON.parse(line.slice(RESULT_MARKER.length)) as ColdResult;
  if (!result.ok) throw new Error(`${bundle} did not answer the cold-start request`);
  return { ...result, wallMs };
}

/** One bundle kept warm in its own process; `send` runs a batch of requests there, timing each. */
export class WarmServer {
  private next = 1;
  private readonly waiting = new Map<number, (reply: ServeReply) => void>();
  private readonly ready: Promise<void>;
  private readonly child: ChildProcess;

  constructor(childScript: string, bundle: string, env: Record<string, string>) {
    this.child = fork(childScript, ['serve', bundle], {
      env: minimalEnv(env),
      execPath: nodeBinary,
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.once('message', () => resolve());
      this.child.once('exit', (code) => reject(new Error(`${bundle} server exited ${code}`)));
    });
    this.child.on('message', (reply: ServeReply) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  async send(events: unknown[]): Promise<ServeReply> {
    await this.ready;
    const id = this.next++;
    const reply = await new Promise<ServeReply>((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ id, events });
    });
    if (reply.error) throw new Error(reply.error);
    return reply;
  }

  close(): void {
    this.child.removeAllListeners('exit');
    this.child.kill();
  }
}
