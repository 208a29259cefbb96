/**
 * `npm run audio [-- --out <dir>] [--only <segmentId,...>]`: renders the Spine Nidra practice to
 * MP3 segments plus manifest.json. Output dir: --out, else $AUDIO_DIR, else <repo>/audio.
 */
import path from 'node:path';
import { spineNidra } from '../../models/spine-nidra';
import { createConsoleReporter, formatSummary } from './progress';
import { renderPractice } from './render-practice';

const USAGE = `usage: npm run audio -- [--out <dir>] [--only <segmentId,...>]
  --out <dir>    output directory (default: $AUDIO_DIR, else <repo>/audio)
  --only <ids>   render only these segments (comma-separated); others are reused if present`;

interface CliOptions {
  outDir: string;
  only?: string[];
}

function parseArgs(argv: readonly string[]): CliOptions | 'help' {
  let outDir = process.env.AUDIO_DIR || path.resolve(__dirname, '../../audio');
  let only: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const found = inline ?? argv[++i];
      if (found === undefined || found === '') throw new Error(`${flag} needs a value\n${USAGE}`);
      return found;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--out') outDir = value();
    else if (flag === '--only') only = value().split(',').map((id) => id.trim()).filter(Boolean);
    else throw new Error(`unknown argument: ${argv[i]}\n${USAGE}`);
  }
  return { outDir: path.resolve(outDir), only };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  console.error(`audio: rendering "${spineNidra.id}" into ${options.outDir}`);
  const result = await renderPractice(spineNidra, {
    outDir: options.outDir,
    only: options.only,
    reporter: createConsoleReporter(),
  });
  console.log(formatSummary(result));
}

main().catch((error: unknown) => {
  console.error(`audio: failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
