/**
 * The pictures reach devices the way the audio does: the local server serves them as image/png
 * with long caching, and deploy:audio uploads them next to the audio, skipping what is there.
 */
import { type ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import express from 'express';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audioRoute } from '../../local/audio-route';
import { AUDIO_CACHE_CONTROL, IMAGE_CONTENT_TYPE, uploadAudio, type S3Like } from '../../tools/deploy/upload-audio';
import { renderImage } from '../../tools/images/spine-images';

const md5 = (body: Buffer | string) => createHash('md5').update(body).digest('hex');
const sha256 = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

/** An audio folder as `npm run audio` leaves it: one segment and one region's two pictures. */
function audioFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'spine-nidra-screen-'));
  mkdirSync(join(dir, 'images'));
  const art = renderImage('lumbar', 'art');
  const background = renderImage('lumbar', 'background');
  for (const image of [art, background]) writeFileSync(join(dir, image.file), image.png);
  writeFileSync(join(dir, 'arrival.aaaaaaaaaa.mp3'), 'arrival audio');
  const entry = (image: typeof art) => ({
    file: image.file,
    widthPixels: image.width,
    heightPixels: image.height,
    sha256: image.sha256,
    bytes: image.png.length,
  });
  const manifest = {
    practiceId: 'spine-nidra',
    segments: [{ segmentId: 'arrival', file: 'arrival.aaaaaaaaaa.mp3', sha256: sha256('arrival audio') }],
    variants: {},
    images: { lumbar: { art: entry(art), background: entry(background) } },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return { dir, art, background };
}

describe('the local server', () => {
  const folder = audioFolder();
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    app.use('/audio', audioRoute(folder.dir));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/audio`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('serves /audio/images/*.png as image/png, byte for byte, cached for good', async () => {
    const answer = await fetch(`${base}/${folder.art.file}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect(Buffer.from(await answer.arrayBuffer()).equals(folder.art.png)).toBe(true);
  });

  it('serves nothing else from images/, and still no manifest', async () => {
    writeFileSync(join(folder.dir, 'images', 'notes.txt'), 'private');
    for (const path of ['images/notes.txt', 'images/missing.png', 'images/../manifest.json', 'manifest.json']) {
      expect([path, (await fetch(`${base}/${path}`)).status]).toEqual([path, 404]);
    }
  });
});

describe('npm run deploy:audio with pictures', () => {
  /** Just enough S3: a listing that honours Prefix and Delimiter '/', and puts. */
  function memoryS3(objects: Map<string, Buffer>) {
    const puts: Array<{ Key?: string; ContentType?: string; CacheControl?: string }> = [];
    const listings: Array<string | undefined> = [];
    const s3: S3Like = {
      async send(command) {
        if (command instanceof PutObjectCommand) {
          puts.push(command.input);
          objects.set(String(command.input.Key), Buffer.from(command.input.Body as Buffer));
          return {};
        }
        const prefix = (command as ListObjectsV2Command).input.Prefix ?? '';
        listings.push(prefix || undefined);
        const keys = [...objects.keys()].filter((key) => key.startsWith(prefix) && !key.slice(prefix.length).includes('/'));
        return { Contents: keys.map((Key) => ({ Key, ETag: `"${md5(objects.get(Key) as Buffer)}"` })), IsTruncated: false };
      },
    };
    return { s3, puts, listings };
  }

  it('uploads the pictures as immutable image/png next to the audio, and skips them once there', async () => {
    const folder = audioFolder();
    const objects = new Map<string, Buffer>([
      ['arrival.aaaaaaaaaa.mp3', Buffer.from('arrival audio')],
      ['clips/sankalpa-personal.0123456789abcdef.mp3', Buffer.from('a clip')],
    ]);
    const first = memoryS3(objects);
    const steps = await uploadAudio({ s3: first.s3, bucket: 'audio', audioDir: folder.dir, dryRun: false, log: () => undefined });
    expect(steps.map((step) => [step.key, step.action])).toEqual([
      ['arrival.aaaaaaaaaa.mp3', 'unchanged'],
      [folder.art.file, 'upload'],
      [folder.background.file, 'upload'],
      // The privacy policy and terms always go beside the audio (test/deploy-audio.test.ts).
      ['legal/privacy.html', 'upload'],
      ['legal/terms.html', 'upload'],
    ]);
    expect(first.listings).toEqual([undefined, 'images/', 'legal/']);
    expect(first.puts.filter((put) => put.Key?.startsWith('images/'))).toEqual([
      expect.objectContaining({ Key: folder.art.file, ContentType: IMAGE_CONTENT_TYPE, CacheControl: AUDIO_CACHE_CONTROL }),
      expect.objectContaining({ Key: folder.background.file, ContentType: IMAGE_CONTENT_TYPE, CacheControl: AUDIO_CACHE_CONTROL }),
    ]);
    expect(IMAGE_CONTENT_TYPE).toBe('image/png');
    expect(objects.get(folder.art.file)?.equals(folder.art.png)).toBe(true);

    const second = memoryS3(objects);
    const again = await uploadAudio({ s3: second.s3, bucket: 'audio', audioDir: folder.dir, dryRun: false, log: () => undefined });
    expect(again.every((step) => step.action === 'unchanged')).toBe(true);
    expect(second.puts).toEqual([]);
    expect(objects.get('clips/sankalpa-personal.0123456789abcdef.mp3')?.toString()).toBe('a clip');
  });

  it('refuses a picture that no longer matches its manifest', async () => {
    const folder = audioFolder();
    writeFileSync(join(folder.dir, folder.art.file), 'edited by hand');
    const { s3 } = memoryS3(new Map());
    await expect(uploadAudio({ s3, bucket: 'audio', audioDir: folder.dir, dryRun: true, log: () => undefined })).rejects.toThrow(
      /does not match its manifest/,
    );
  });
});
