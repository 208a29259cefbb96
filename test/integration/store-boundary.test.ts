/**
 * The Lambda's DynamoDB client never reaches the AWS SDK's: not "esbuild shook it out of the
 * bundle" (test/integration/deploy-lambda.test.ts checks that outcome), but no import on the way
 * from wire.ts, listener-table.ts or the Lambda's entry leads to @aws-sdk/client-dynamodb at all.
 * (The last test holds ask-sdk-core's package index to the same kind of line.) The graph is
 * esbuild's, before tree-shaking: every module it had to read to bundle the entry, packages
 * included, with the Lambda's own build settings. Type-only imports are not part of it (they are
 * erased); the table logic carries its own DynamoDB-JSON type anyway.
 */
import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';
import { catalogFrom, lambdaBuildOptions } from '../../tools/build';
import { estimatedManifest } from '../../tools/estimated-manifest';

const ROOT = join(__dirname, '..', '..');
const SDK_DYNAMODB_CLIENT = /(^|node_modules\/)@aws-sdk\/client-dynamodb(\/|$)/;

async function importGraph(entry: string): Promise<Metafile> {
  const options = lambdaBuildOptions({
    entry: join(ROOT, entry),
    outfile: join(ROOT, 'dist', 'boundary', 'unused.js'),
    catalog: catalogFrom(estimatedManifest()),
  });
  const { metafile } = await build({ ...options, absWorkingDir: ROOT, write: false, minify: false, logLevel: 'silent', metafile: true });
  return metafile;
}

/** The chain of imports from `entry` to a module matching `target`, or undefined when there is none. */
function pathTo(metafile: Metafile, entry: string, target: RegExp): string[] | undefined {
  const cameFrom = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (target.test(file)) {
      const chain = [];
      for (let step: string | undefined = file; step !== undefined; step = cameFrom.get(step)) chain.unshift(step);
      return chain;
    }
    // External imports (the Lambda runtime's own clip clients) are nodes too, without imports of their own.
    for (const { path } of metafile.inputs[file]?.imports ?? []) {
      if (cameFrom.has(path)) continue;
      cameFrom.set(path, file);
      queue.push(path);
    }
  }
  return undefined;
}

describe("the store's import boundary", () => {
  it.each(['lambda/store/wire.ts', 'lambda/store/listener-table.ts', 'lambda/index.ts'])(
    'nothing %s imports, directly or through any package, imports @aws-sdk/client-dynamodb',
    async (entry) => {
      const metafile = await importGraph(entry);
      expect(Object.keys(metafile.inputs)).toContain(entry);
      expect(pathTo(metafile, entry, SDK_DYNAMODB_CLIENT)).toBeUndefined();
    },
  );

  it('sees the SDK client where it is imported: the adapter the tests and the benchmark use', async () => {
    const entry = 'local/sdk-dynamo.ts';
    const chain = pathTo(await importGraph(entry), entry, SDK_DYNAMODB_CLIENT);
    expect(chain?.[0]).toBe(entry);
    expect(chain?.at(-1)).toMatch(SDK_DYNAMODB_CLIENT);
  });

  // lambda/skill/ask-sdk.ts: the package index runs every module ask-sdk-core has (CommonJS is not
  // tree-shaken), 14 KB and about 2 ms of every cold start the skill never uses.
  it("reaches ask-sdk-core's builders and request helpers, never its index", async () => {
    const entry = 'lambda/index.ts';
    const metafile = await importGraph(entry);
    expect(pathTo(metafile, entry, /node_modules\/ask-sdk-core\/dist\/skill\/SkillBuilders\.js$/)).toBeDefined();
    expect(pathTo(metafile, entry, /node_modules\/ask-sdk-core\/dist\/util\/RequestEnvelopeUtils\.js$/)).toBeDefined();
    expect(pathTo(metafile, entry, /node_modules\/ask-sdk-core\/dist\/index\.js$/)).toBeUndefined();
  });
});
