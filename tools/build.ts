/**
 * `npm run build`: bundles the Lambda into dist/lambda/index.js (CommonJS, minified) with the
 * practice catalog compiled in, so the function reads no files and no cue texts at start-up.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spineNidra } from '../models/spine-nidra';
import { buildCatalog, type ManifestLike } from '../lambda/playback/catalog';

const root = resolve(__dirname, '..');
const audioDir = resolve(process.env.AUDIO_DIR ?? join(root, 'audio'));
const defaultOutfile = join(root, 'dist', 'lambda', 'index.js');

export async function buildLambda(
  manifestPath = join(audioDir, 'manifest.json'),
  outfile = defaultOutfile,
): Promise<{ outfile: string; bytes: number }> {
  if (!existsSync(manifestPath)) {
    throw new Error(`No audio manifest at ${manifestPath}. Run \`npm run audio\` first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestLike;
  const catalog = buildCatalog(spineNidra, manifest);
  await build({
    entryPoints: [join(root, 'lambda', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    // Prefer packages' ESM builds: they tree-shake far better than their CommonJS ones.
    mainFields: ['module', 'main'],
    legalComments: 'none',
    define: { __SPINE_NIDRA_CATALOG__: JSON.stringify(catalog) },
    logLevel: 'warning',
  });
  return { outfile, bytes: statSync(outfile).size };
}

if (require.main === module) {
  buildLambda().then(
    ({ outfile: file, bytes }) => console.log(`Built ${file} (${(bytes / 1024).toFixed(0)} KB)`),
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
