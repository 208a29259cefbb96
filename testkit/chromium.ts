/**
 * A Chromium for browser tests on any machine: `CHROMIUM_PATH` when set, else the binary shipped
 * in the `@sparticuz/chromium` npm package (unpacked to the temp folder on first use), else a
 * system Chromium when one is present. Nothing is downloaded at run time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for headless runs on a closed network, as root (no sandbox), with audio allowed to start by itself. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export interface FoundChromium {
  executablePath: string;
  source: 'CHROMIUM_PATH' | '@sparticuz/chromium' | 'system';
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH names no file: ${env.CHROMIUM_PATH}`);
    return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  }
  const packaged = packagedChromium();
  if (packaged) return { executablePath: packaged, source: '@sparticuz/chromium' };
  const system = SYSTEM_CHROMIUMS.find((candidate) => existsSync(candidate));
  if (system) return { executablePath: system, source: 'system' };
  throw new Error('No Chromium: run `npm install` (it brings @sparticuz/chromium), or set CHROMIUM_PATH');
}

/**
 * The package is an ES module that unpacks its brotli-compressed binary; a child node process
 * loads it, so this works from CommonJS and from jest's module sandbox alike.
 */
function packagedChromium(): string | undefined {
  try {
    const script = "import chromium from '@sparticuz/chromium'; process.stdout.write(await chromium.executablePath());";
    const path = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: __dirname, encoding: 'utf8', timeout: 60_000 }).trim();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
