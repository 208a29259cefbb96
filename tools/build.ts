/**
 * `npm run build`: bundles the Lambda into dist/lambda/index.js (CommonJS, minified) with the
 * practice catalog compiled in, so the function reads no files and no cue texts at start-up.
 * `--estimated-manifest` builds without rendered audio (file names that do not exist: never deploy
 * that); dist/lambda/build.json records which manifest a bundle came from so deploys can refuse it.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spineNidra } from '../models/spine-nidra';
import { buildCatalog, type Catalog, type ManifestLike } from '../models/catalog';
import { estimatedManifest } from './estimated-manifest';

const root = resolve(__dirname, '..');
const audioDir = resolve(process.env.AUDIO_DIR ?? join(root, 'audio'));
const defaultOutfile = join(root, 'dist', 'lambda', 'index.js');

/**
 * Lambda hands every function its role's credentials in environment variables, so the SDK's
 * default chain (SSO, ini files, credential_process, web identity, IMDS, and the STS/SSO clients
 * they embed: about 130 KB minified) is dead weight there. This swaps in the env-only link.
 * A local DynamoDB gets explicit credentials from lambda/store/limits.ts and local/sdk-dynamo.ts.
 */
const lambdaCredentialsOnly: Plugin = {
  name: 'lambda-credentials-only',
  setup(builder) {
    builder.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({ path: 'env-only', namespace: 'lambda-credentials' }));
    builder.onLoad({ filter: /.*/, namespace: 'lambda-credentials' }, () => ({
      contents: `import { fromEnv } from '@aws-sdk/credential-provider-env';
export const defaultProvider = (init = {}) => fromEnv(init);`,
      // Resolved from the chain's own package, which depends on credential-provider-env.
      resolveDir: dirname(require.resolve('@aws-sdk/credential-provider-node/package.json')),
      loader: 'js',
    }));
  },
};

/**
 * ask-sdk-core requires ask-sdk-model only for `services.ServiceClientFactory`, which it builds
 * solely for skills configured `withApiClient(...)`; this skill calls no Alexa service API. The
 * model's runtime is one 60 KB CommonJS file that cannot be tree-shaken, so it is replaced by a
 * factory that fails loudly if a later change ever configures an API client.
 */
const noAlexaServiceClients: Plugin = {
  name: 'no-alexa-service-clients',
  setup(builder) {
    builder.onResolve({ filter: /^ask-sdk-model$/ }, () => ({ path: 'stub', namespace: 'ask-sdk-model' }));
    builder.onLoad({ filter: /.*/, namespace: 'ask-sdk-model' }, () => ({
      contents: `exports.services = { ServiceClientFactory: class { constructor() {
  throw new Error('Alexa service clients are not bundled (tools/build.ts no-alexa-service-clients)');
} } };`,
      loader: 'js',
    }));
  },
};

export interface BundleOptions {
  entry?: string;
  outfile: string;
  catalog: Catalog;
  /**
   * Rewrite arrow functions as `function` expressions. On by default: `npm run bench` measures a
   * bundle that loads about 15-20% faster that way on node 20 and 22, for 4% more bytes.
   */
  lowerArrows?: boolean;
}

/** The esbuild settings for a Lambda bundle; the benchmark builds its baseline with the same. */
export function lambdaBuildOptions({ entry, outfile, catalog, lowerArrows = true }: BundleOptions): BuildOptions {
  return {
    entryPoints: [entry ?? join(root, 'lambda', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    minify: true,
    // Prefer packages' ESM builds: they tree-shake far better than their CommonJS ones.
    mainFields: ['module', 'main'],
    legalComments: 'none',
    define: { __SPINE_NIDRA_CATALOG__: JSON.stringify(catalog) },
    plugins: [lambdaCredentialsOnly, noAlexaServiceClients],
    // The personal-clip clients load only when a listener's clip is first made, and the nodejs24.x
    // runtime ships AWS SDK v3: bundled, they would add about 230 KB that every cold start parses.
    // DynamoDB, on the playback path, stays bundled and tree-shaken (pinned, no disk lookups).
    external: ['@aws-sdk/client-polly', '@aws-sdk/client-s3'],
    ...(lowerArrows ? { supported: { arrow: false } } : {}),
    metafile: true,
    logLevel: 'warning',
  };
}

export async function bundleLambda(options: BundleOptions): Promise<{ outfile: string; bytes: number; metafile: Metafile }> {
  const result = await build(lambdaBuildOptions(options));
  return { outfile: options.outfile, bytes: statSync(options.outfile).size, metafile: result.metafile as Metafile };
}

export function catalogFrom(manifest: ManifestLike): Catalog {
  return buildCatalog(spineNidra, manifest);
}

export async function buildLambda(
  manifestPath = join(audioDir, 'manifest.json'),
  outfile = defaultOutfile,
): Promise<{ outfile: string; bytes: number }> {
  if (!existsSync(manifestPath)) {
    throw new Error(`No audio manifest at ${manifestPath}. Run \`npm run audio\` first.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestLike;
  const { bytes } = await bundleLambda({ outfile, catalog: catalogFrom(manifest) });
  return { outfile, bytes };
}

export interface BuildInfo {
  /** 'rendered': file names match `npm run audio` output; 'estimated': they do not exist anywhere. */
  manifest: 'rendered' | 'estimated';
  bytes: number;
}

/** The build behind `npm run build` and packaging: rendered audio if present, else (if allowed) estimated. */
export async function buildForDeploy(options: { allowEstimated: boolean; outfile?: string; audioDir?: string }): Promise<BuildInfo> {
  const outfile = options.outfile ?? defaultOutfile;
  const manifestPath = join(options.audioDir ?? audioDir, 'manifest.json');
  let info: BuildInfo;
  if (existsSync(manifestPath)) {
    info = { manifest: 'rendered', bytes: (await buildLambda(manifestPath, outfile)).bytes };
  } else if (options.allowEstimated) {
    const { bytes } = await bundleLambda({ outfile, catalog: catalogFrom(estimatedManifest()) });
    info = { manifest: 'estimated', bytes };
  } else {
    throw new Error(`No audio manifest at ${manifestPath}. Run \`npm run audio\` first.`);
  }
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(join(dirname(outfile), 'build.json'), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

if (require.main === module) {
  buildForDeploy({ allowEstimated: process.argv.includes('--estimated-manifest') }).then(
    (info) => {
      console.log(`Built ${defaultOutfile} (${(info.bytes / 1024).toFixed(0)} KB, ${info.manifest} manifest)`);
      if (info.manifest === 'estimated') {
        console.warn('warning: built from an estimated manifest; its audio file names do not exist. Run `npm run audio` before deploying.');
      }
    },
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
