/**
 * npm run deploy:audio against a small in-memory S3 on loopback, through the real AWS SDK client:
 * what it lists, what it puts, with which headers, and that --dry-run puts nothing.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AUDIO_CACHE_CONTROL, localFiles, PAGE_CACHE_CONTROL, uploadAudio } from '../../tools/deploy/upload-audio';

const md5 = (body: Buffer | string) => createHash('md5').update(body).digest('hex');
const sha256 = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

/** Just enough S3 for ListObjectsV2 (root level) and PutObject, path-style. */
function fakeS3() {
  const objects = new Map<string, Buffer>();
  const puts: Array<{ key: string; headers: IncomingHttpHeaders; body: Buffer }> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://s3.local');
      const [, bucket, ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      if (request.method === 'PUT' && key) {
        const body = Buffer.concat(chunks);
        objects.set(key, body);
        puts.push({ key, headers: request.headers, body });
        response.writeHead(200, { ETag: `"${md5(body)}"` }).end();
        return;
      }
      // One level under the prefix, as with Delimiter '/'.
      const prefix = url.searchParams.get('prefix') ?? '';
      const contents = [...objects]
        .filter(([name]) => name.startsWith(prefix) && !name.slice(prefix.length).includes('/'))
        .map(([name, body]) => `<Contents><Key>${name}</Key><ETag>&quot;${md5(body)}&quot;</ETag><Size>${body.length}</Size></Contents>`);
      response.writeHead(200, { 'Content-Type': 'application/xml' });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><KeyCount>${contents.length}</KeyCount><IsTruncated>false</IsTruncated>${contents.join('')}</ListBucketResult>`,
      );
    });
  });
  return { server, objects, puts };
}

describe('npm run deploy:audio', () => {
  const s3 = fakeS3();
  let endpoint: string;
  let audioDir: string;
  const files = { 'arrival.aaaaaaaaaa.mp3': 'arrival audio', 'rest.bbbbbbbbbb.mp3': 'rest audio', 'return.cccccccccc.mp3': 'return audio' };

  beforeAll(async () => {
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`;
    audioDir = mkdtempSync(join(tmpdir(), 'spine-nidra-audio-'));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(audioDir, file), text);
    const segments = Object.entries(files).map(([file, text]) => ({ segmentId: file.split('.')[0], file, sha256: sha256(text) }));
    writeFileSync(join(audioDir, 'manifest.json'), JSON.stringify({ practiceId: 'spine-nidra', segments, variants: {} }));
    // Already there: one identical, one with other bytes under the same name, plus a listener's clip.
    s3.objects.set('arrival.aaaaaaaaaa.mp3', Buffer.from('arrival audio'));
    s3.objects.set('rest.bbbbbbbbbb.mp3', Buffer.from('older rest audio'));
    s3.objects.set('clips/sankalpa-personal.0123456789abcdef.mp3', Buffer.from('a listener clip'));
  });
  afterAll(() => new Promise((resolve) => s3.server.close(resolve)));

  const client = () =>
    new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

  it('--dry-run prints the plan and puts nothing', async () => {
    const cli = join(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const script = join(__dirname, '..', '..', 'tools', 'deploy', 'upload-audio.ts');
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', NODE_NO_WARNINGS: '1' };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, script, '--dry-run', '--bucket', 'audio', '--dir', audioDir, '--endpoint', endpoint],
      { env },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^would unchanged\s+arrival\.aaaaaaaaaa\.mp3/),
        expect.stringMatching(/^would replace\s+rest\.bbbbbbbbbb\.mp3 .*stale/),
        expect.stringMatching(/^would upload\s+return\.cccccccccc\.mp3/),
        expect.stringMatching(/^would upload\s+legal\/privacy\.html/),
        expect.stringMatching(/^would upload\s+legal\/terms\.html/),
      ]),
    );
    expect(lines.at(-1)).toMatch(/^Dry run: would upload 4 file\(s\), .* 1 already there\.$/);
    expect(s3.puts).toEqual([]);
  });

  it('puts only missing or changed files, as immutable audio/mpeg with a Content-MD5 S3 verifies', async () => {
    const log: string[] = [];
    const steps = await uploadAudio({ s3: client(), bucket: 'audio', audioDir, dryRun: false, log: (line) => log.push(line) });
    expect(steps.map((step) => [step.key, step.action])).toEqual([
      ['arrival.aaaaaaaaaa.mp3', 'unchanged'],
      ['rest.bbbbbbbbbb.mp3', 'replace'],
      ['return.cccccccccc.mp3', 'upload'],
      ['legal/privacy.html', 'upload'],
      ['legal/terms.html', 'upload'],
    ]);
    expect(s3.puts.map((put) => put.key).sort()).toEqual(['legal/privacy.html', 'legal/terms.html', 'rest.bbbbbbbbbb.mp3', 'return.cccccccccc.mp3']);
    for (const put of s3.puts.filter((p) => p.key.startsWith('legal/'))) {
      expect(put.body.toString()).toMatch(/^<!doctype html>[\s\S]*<h1>Spine Nidra (privacy policy|terms of use)<\/h1>/);
      expect(put.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(put.headers['cache-control']).toBe(PAGE_CACHE_CONTROL);
      expect(put.headers['content-md5']).toBe(createHash('md5').update(put.body).digest('base64'));
    }
    for (const put of s3.puts.filter((p) => !p.key.startsWith('legal/'))) {
      expect(put.body.toString()).toBe(files[put.key as keyof typeof files]);
      expect(put.headers['content-type']).toBe('audio/mpeg');
      expect(put.headers['cache-control']).toBe(AUDIO_CACHE_CONTROL);
      expect(put.headers['content-md5']).toBe(createHash('md5').update(put.body).digest('base64'));
    }
    expect(AUDIO_CACHE_CONTROL).toBe('public, max-age=31536000, immutable');
    expect(s3.objects.get('clips/sankalpa-personal.0123456789abcdef.mp3')?.toString()).toBe('a listener clip');
  });

  it('a second run finds everything there by hash and puts nothing', async () => {
    s3.puts.length = 0;
    const steps = await uploadAudio({ s3: client(), bucket: 'audio', audioDir, dryRun: false, log: () => undefined });
    expect(steps.every((step) => step.action === 'unchanged')).toBe(true);
    expect(s3.puts).toEqual([]);
  });

  it('uploads every file the manifest names: segments, variant files, pictures and the sleep sounds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spine-nidra-audio-every-'));
    const named = ['arrival.aaaaaaaaaa.mp3', 'arrival-plain.dddddddddd.mp3', 'sleep-sounds.eeeeeeeeee.mp3', 'sleep-sounds-fade.ffffffffff.mp3'];
    for (const file of named) writeFileSync(join(dir, file), `${file} audio`);
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        practiceId: 'spine-nidra',
        segments: [{ segmentId: 'arrival', file: named[0], sha256: sha256(`${named[0]} audio`) }],
        variants: {},
        variantFiles: { 'standard-plain': [named[1]] },
        sleepSounds: [
          { role: 'loop', file: named[2], durationMs: 600000, sha256: sha256(`${named[2]} audio`) },
          { role: 'fade', file: named[3], durationMs: 600000, sha256: sha256(`${named[3]} audio`) },
        ],
      }),
    );
    const listed = localFiles(dir);
    expect(listed.map((file) => [file.key, file.contentType])).toEqual(named.map((file) => [file, 'audio/mpeg']));
    writeFileSync(join(dir, named[3]), 'changed');
    expect(() => localFiles(dir)).toThrow(/sleep-sounds-fade\.ffffffffff\.mp3 does not match its manifest sha256/);
  });

  it('refuses a file that no longer matches its manifest', async () => {
    writeFileSync(join(audioDir, 'return.cccccccccc.mp3'), 'edited by hand');
    await expect(uploadAudio({ s3: client(), bucket: 'audio', audioDir, dryRun: true, log: () => undefined })).rejects.toThrow(
      /does not match its manifest/,
    );
  });
});
