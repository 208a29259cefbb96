/**
 * Every bundle the benchmark compares, built in one go with the production esbuild settings
 * (tools/build.ts). Outputs go under dist/bench/ so a bundle with an external SDK still resolves
 * it from this repository's node_modules, as the Lambda runtime would from its own.
 */
import { build, type Plugin } from 'esbuild';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalog, ManifestLike } from '../lambda/playback/catalog';
import { bundleLambda, catalogFrom, lambdaBuildOptions } from '../tools/build';
import { estimatedManifest } from '../tools/estimated-manifest';

export const ROOT = resolve(__dirname, '..');
export const OUT_DIR = join(ROOT, 'dist', 'bench');

export interface Bundle {
  name: string;
  file: string;
  bytes: number;
}

export interface Builds {
  manifestSource: string;
  catalog: Catalog;
  segments: number;
  ours: Bundle;
  baseline: Bundle;
  /** Ours with arrow functions left as they are (esbuild's default; ours lowers them). */
  arrowsKept: Bundle;
  /** Ours with the AWS SDK's DynamoDBClient instead of the wire client, bundled (still lazy). */
  sdkClient: Bundle;
  /** The same, with every @aws-sdk/* package left to the Lambda runtime's own copy. */
  sdkExternal: Bundle;
  child: string;
}

/** Swaps lambda/index.ts's wire store for bench/variants/sdk-store.ts. */
const withSdkStore: Plugin = {
  name: 'sdk-store',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/store\/wire$/ }, () => ({ path: join(ROOT, 'bench', 'variants', 'sdk-store.ts') }));
  },
};

function manifest(): { manifest: ManifestLike; source: string } {
  const rendered = join(ROOT, 'audio', 'manifest.json');
  if (existsSync(rendered)) return { manifest: JSON.parse(readFileSync(rendered, 'utf8')) as ManifestLike, source: 'audio/manifest.json' };
  return { manifest: estimatedManifest(), source: 'estimated manifest (no rendered audio)' };
}

export async function buildAll(): Promise<Builds> {
  mkdirSync(OUT_DIR, { recursive: true });
  const { manifest: chosen, source } = manifest();
  const catalog = catalogFrom(chosen);
  const file = (name: string) => join(OUT_DIR, `${name}.js`);
  const bundle = async (name: string, options: Partial<Parameters<typeof bundleLambda>[0]> = {}): Promise<Bundle> => {
    const { bytes } = await bundleLambda({ outfile: file(name), catalog, ...options });
    return { name, file: file(name), bytes };
  };
  const [ours, baseline, arrowsKept] = await Promise.all([
    bundle('ours'),
    bundle('baseline', { entry: join(ROOT, 'bench', 'baseline', 'index.ts') }),
    bundle('ours-arrows-kept', { lowerArrows: false }),
  ]);
  const sdkVariant = async (name: string, external: string[]): Promise<Bundle> => {
    const options = lambdaBuildOptions({ outfile: file(name), catalog });
    await build({ ...options, plugins: [withSdkStore, ...(options.plugins ?? [])], external: [...(options.external ?? []), ...external] });
    return { name, file: file(name), bytes: readFileSync(file(name)).length };
  };
  const sdkClient = await sdkVariant('ours-sdk-client', []);
  const sdkExternal = await sdkVariant('ours-sdk-external', ['@aws-sdk/*']);
  const child = join(OUT_DIR, 'child.js');
  await build({
    entryPoints: [join(ROOT, 'bench', 'child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return {
    manifestSource: source,
    catalog,
    segments: catalog.variants[catalog.defaultVariant].length,
    ours,
    baseline,
    arrowsKept,
    sdkClient,
    sdkExternal,
    child,
  };
}
