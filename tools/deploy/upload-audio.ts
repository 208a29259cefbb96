/**
 * `npm run deploy:audio [-- --dry-run] [--bucket <name>] [--dir <audio dir>] [--stage prod]
 * [--region us-east-1] [--endpoint <url>]`: uploads the rendered practice audio, and the screen
 * pictures under images/ as image/png, and the sleep sounds, to the stack's bucket, served by CloudFront. File names
 * carry their content hash, so each is stored with
 * `Cache-Control: immutable`; a file already in the bucket with the same MD5 (S3's ETag for a
 * single PUT under SSE-S3) is skipped. `--dry-run` lists the bucket and prints the plan only.
 * Personal clips (clips/) are the Lambda's: never listed, never touched.
 */
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './serverless';
import { flag, stackOutput } from './stack-outputs';

/** Content-hashed names never change meaning: devices and CDNs may keep them for a year. */
export const AUDIO_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const AUDIO_CONTENT_TYPE = 'audio/mpeg';
export const IMAGE_CONTENT_TYPE = 'image/png';

/** Where the manifest's pictures live in the bucket (and under AUDIO_BASE_URL). */
const IMAGE_PREFIX = 'images/';
const AUDIO_NAME = /^[\w.-]+\.mp3$/;
const IMAGE_NAME = /^images\/[\w.-]+\.png$/;

export interface LocalFile {
  key: string;
  path: string;
  bytes: number;
  md5: string;
  contentType: string;
}

export type Action = 'upload' | 'replace' | 'unchanged';

export interface Step extends LocalFile {
  action: Action;
}

/** The one method of an AWS SDK v3 client this script uses; tests may pass a stand-in. */
export interface S3Like {
  send(command: ListObjectsV2Command | PutObjectCommand): Promise<unknown>;
}

interface ManifestFiles {
  segments: ReadonlyArray<{ file: string; sha256?: string }>;
  variantFiles?: Record<string, readonly string[]>;
  images?: Record<string, { art: { file: string; sha256?: string }; background: { file: string; sha256?: string } }>;
  sleepSounds?: ReadonlyArray<{ file: string; sha256?: string }>;
}

/** Every file the manifest names, each checked against the manifest's sha256 when it has one. */
export function localFiles(audioDir: string): LocalFile[] {
  const manifestPath = join(audioDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No audio manifest at ${manifestPath}. Run \`npm run audio\` first.`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestFiles;
  const expected = new Map<string, string | undefined>();
  for (const segment of manifest.segments) expected.set(segment.file, segment.sha256);
  for (const files of Object.values(manifest.variantFiles ?? {})) for (const file of files) if (!expected.has(file)) expected.set(file, undefined);
  for (const set of Object.values(manifest.images ?? {})) for (const image of [set.art, set.background]) expected.set(image.file, image.sha256);
  for (const sound of manifest.sleepSounds ?? []) expected.set(sound.file, sound.sha256);
  return [...expected].map(([file, sha256]) => {
    const image = IMAGE_NAME.test(file);
    if (!image && !AUDIO_NAME.test(file)) throw new Error(`unexpected file name in the manifest: ${file}`);
    const path = join(audioDir, file);
    const body = readFileSync(path);
    if (sha256 && createHash('sha256').update(body).digest('hex') !== sha256) {
      throw new Error(`${file} does not match its manifest sha256; run \`npm run audio\` again`);
    }
    const contentType = image ? IMAGE_CONTENT_TYPE : AUDIO_CONTENT_TYPE;
    return { key: file, path, bytes: body.length, md5: createHash('md5').update(body).digest('hex'), contentType };
  });
}

/**
 * Objects directly under `prefix` (the root by default) and their ETags (MD5 for single-part
 * uploads). Deeper prefixes such as clips/ are not listed, so listeners' clips are never touched.
 */
export async function remoteETags(s3: S3Like, bucket: string, prefix = ''): Promise<Map<string, string>> {
  const etags = new Map<string, string>();
  let token: string | undefined;
  do {
    const list = { Bucket: bucket, Delimiter: '/', ContinuationToken: token, ...(prefix ? { Prefix: prefix } : {}) };
    const page = (await s3.send(new ListObjectsV2Command(list))) as {
      Contents?: Array<{ Key?: string; ETag?: string }>;
      IsTruncated?: boolean;
      NextContinuationToken?: string;
    };
    for (const object of page.Contents ?? []) if (object.Key) etags.set(object.Key, (object.ETag ?? '').replace(/"/g, ''));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return etags;
}

export function plan(files: readonly LocalFile[], remote: ReadonlyMap<string, string>): Step[] {
  return files.map((file) => {
    const etag = remote.get(file.key);
    const action: Action = etag === undefined ? 'upload' : etag === file.md5 ? 'unchanged' : 'replace';
    return { ...file, action };
  });
}

export async function uploadAudio(options: { s3: S3Like; bucket: string; audioDir: string; dryRun: boolean; log?: (line: string) => void }): Promise<Step[]> {
  const log = options.log ?? console.log;
  const files = localFiles(options.audioDir);
  const remote = await remoteETags(options.s3, options.bucket);
  if (files.some((file) => file.key.startsWith(IMAGE_PREFIX))) {
    for (const [key, etag] of await remoteETags(options.s3, options.bucket, IMAGE_PREFIX)) remote.set(key, etag);
  }
  const steps = plan(files, remote);
  const toSend = steps.filter((step) => step.action !== 'unchanged');
  for (const step of steps) {
    const note = step.action === 'replace' ? ' (different bytes under the same name: CDN copies may stay stale)' : '';
    log(`${options.dryRun ? 'would ' : ''}${step.action.padEnd(9)} ${step.key} ${(step.bytes / 1024).toFixed(0)} KB${note}`);
  }
  if (!options.dryRun) {
    // A few uploads at a time: enough to fill a home uplink without holding every file in memory.
    const queue = [...toSend];
    const worker = async () => {
      for (let step = queue.shift(); step; step = queue.shift()) {
        const body = readFileSync(step.path);
        await options.s3.send(
          new PutObjectCommand({
            Bucket: options.bucket,
            Key: step.key,
            Body: body,
            ContentType: step.contentType,
            CacheControl: AUDIO_CACHE_CONTROL,
            // S3 refuses the upload if the bytes arrive changed.
            ContentMD5: Buffer.from(step.md5, 'hex').toString('base64'),
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
  }
  const megabytes = toSend.reduce((sum, step) => sum + step.bytes, 0) / 1024 / 1024;
  log(`${options.dryRun ? 'Dry run: would upload' : 'Uploaded'} ${toSend.length} file(s), ${megabytes.toFixed(1)} MB; ${steps.length - toSend.length} already there.`);
  return steps;
}

async function main(argv: readonly string[]): Promise<void> {
  const stage = flag(argv, '--stage') ?? 'prod';
  const region = flag(argv, '--region') ?? process.env.AWS_REGION ?? 'us-east-1';
  const endpoint = flag(argv, '--endpoint');
  const audioDir = resolve(flag(argv, '--dir') ?? process.env.AUDIO_DIR ?? join(ROOT, 'audio'));
  const bucket = flag(argv, '--bucket') ?? process.env.AUDIO_BUCKET ?? (await stackOutput('AudioBucketName', { stage, region }));
  const s3 = new S3Client({ region, followRegionRedirects: true, ...(endpoint ? { endpoint, forcePathStyle: true } : {}) });
  console.log(`${argv.includes('--dry-run') ? 'Planning' : 'Uploading'} ${audioDir} to s3://${bucket}`);
  await uploadAudio({ s3, bucket, audioDir, dryRun: argv.includes('--dry-run') });
  s3.destroy();
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
