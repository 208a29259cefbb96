/**
 * The pictures for screens: a PNG writer any decoder accepts, one deterministic picture pair per
 * spine region, written next to the audio and listed in its manifest, and carried into the catalog.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { spineNidra } from '../../models/spine-nidra';
import { buildCatalog } from '../../lambda/playback/catalog';
import { IMAGE_REGIONS } from '../../lambda/playback/images';
import type { AudioManifest } from '../../tools/audio/manifest-types';
import { ESTIMATED_FILE_HASH, estimatedManifest } from '../../tools/estimated-manifest';
import { encodePng } from '../../tools/images/png';
import { VERTEBRAE } from '../../tools/images/spine-figure';
import { IMAGE_SIZES, renderSpineImages, writeSpineImages } from '../../tools/images/spine-images';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** CRC-32 as the PNG spec defines it, written out here so the check does not trust node's. */
function referenceCrc(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const found: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(referenceCrc(png.subarray(at + 4, at + 8 + length)));
    found.push({ type, data });
    at += 12 + length;
  }
  return found;
}

/** Width, height and the raw scanlines, checked the way a decoder would read them. */
function decode(png: Buffer) {
  const parts = chunks(png);
  expect(parts.map((part) => part.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = parts[0].data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]); // 8-bit, truecolour, deflate, filters, no interlace
  const raw = inflateSync(parts[1].data);
  expect(raw.length).toBe(height * (1 + width * 3));
  return { width, height, raw };
}

describe('the PNG writer', () => {
  it('writes a small picture that decodes to exactly its pixels', () => {
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    const { width, height, raw } = decode(encodePng(3, 2, rgb));
    expect([width, height]).toEqual([3, 2]);
    const rows = [raw.subarray(0, 10), raw.subarray(10, 20)];
    for (const [y, row] of rows.entries()) {
      expect(row[0]).toBe(0);
      expect([...row.subarray(1)]).toEqual([...rgb.subarray(y * 9, y * 9 + 9)]);
    }
  });

  it('refuses pixels that do not fit the size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(/12 bytes/);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(/size/);
  });
});

describe('the spine pictures', () => {
  const images = renderSpineImages();

  it('draws the vertebrae the practice counts: seven, twelve and five', () => {
    expect(VERTEBRAE.map((region) => [region.region, region.count])).toEqual([
      ['cervical', 7],
      ['thoracic', 12],
      ['lumbar', 5],
    ]);
  });

  it('are one 512 x 512 art and one 1024 x 640 background per region, valid PNGs of those sizes', () => {
    expect(images.map((image) => `${image.region}/${image.kind}`)).toEqual(
      IMAGE_REGIONS.flatMap((region) => [`${region}/art`, `${region}/background`]),
    );
    for (const image of images) {
      const { width, height } = decode(image.png);
      expect([width, height]).toEqual([IMAGE_SIZES[image.kind].width, IMAGE_SIZES[image.kind].height]);
      expect([image.width, image.height]).toEqual([width, height]);
      // Art at least 480 square and backgrounds at least 1024 x 640: the AudioPlayer's recommendation.
      expect(Math.min(width, height)).toBeGreaterThanOrEqual(image.kind === 'art' ? 480 : 640);
      expect(image.png.length).toBeLessThan(150 * 1024);
    }
  });

  it('differ from region to region, and come out byte for byte the same every time', () => {
    expect(new Set(images.map((image) => image.sha256)).size).toBe(images.length);
    const again = renderSpineImages();
    again.forEach((image, index) => expect(image.png.equals(images[index].png)).toBe(true));
  });

  it('are named by content hash under images/', () => {
    for (const image of images) {
      const suffix = image.kind === 'background' ? '-background' : '';
      expect(image.file).toBe(`images/spine-${image.region}${suffix}.${image.sha256.slice(0, 10)}.png`);
    }
  });
});

describe('writing the pictures next to the audio', () => {
  const manifestOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as AudioManifest;

  it('writes each picture once, lists it in manifest.json, removes stale ones and keeps the rest of the manifest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spine-nidra-images-'));
    const audio = { practiceId: spineNidra.id, version: 2, segments: [], variants: {}, variantFiles: {}, variantInfo: {}, engine: 'test' };
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(audio));
    const first = await writeSpineImages(dir);
    expect(first.written).toHaveLength(IMAGE_REGIONS.length * 2);
    const manifest = await manifestOf(dir);
    expect(manifest.engine).toBe('test');
    expect(Object.keys(manifest.images ?? {})).toEqual([...IMAGE_REGIONS]);
    for (const region of IMAGE_REGIONS) {
      for (const kind of ['art', 'background'] as const) {
        const entry = manifest.images?.[region][kind];
        const bytes = await readFile(path.join(dir, entry?.file ?? 'missing'));
        expect(entry).toMatchObject({ widthPixels: IMAGE_SIZES[kind].width, heightPixels: IMAGE_SIZES[kind].height, bytes: bytes.length });
      }
    }

    await writeFile(path.join(dir, 'images', 'spine-lumbar.0000000000.png'), 'an older picture');
    await writeFile(path.join(dir, 'images', 'notes.txt'), 'not ours');
    const second = await writeSpineImages(dir);
    expect(second.written).toEqual([]);
    expect(second.removed).toEqual(['images/spine-lumbar.0000000000.png']);
    expect((await readdir(path.join(dir, 'images'))).sort()).toEqual([...first.written.map((file) => path.basename(file)), 'notes.txt'].sort());
  });

  it('needs the audio manifest first', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spine-nidra-images-'));
    await expect(writeSpineImages(dir)).rejects.toThrow(/manifest/);
  });
});

describe('pictures in the catalog', () => {
  it('the estimated manifest lists every region, named and sized like the rendered ones', () => {
    const rendered = renderSpineImages();
    const images = estimatedManifest().images ?? {};
    for (const image of rendered) {
      const entry = images[image.region][image.kind];
      expect(entry.file).toBe(image.file.replace(image.sha256.slice(0, 10), ESTIMATED_FILE_HASH));
      expect([entry.widthPixels, entry.heightPixels]).toEqual([image.width, image.height]);
    }
  });

  it('carries file and size only, and still loads manifests written before there were pictures', () => {
    const manifest = estimatedManifest();
    const withHashes = {
      ...manifest,
      images: { none: { art: { ...manifest.images?.none.art, sha256: 'ab', bytes: 9 }, background: manifest.images?.none.background } },
    };
    expect(buildCatalog(spineNidra, withHashes as typeof manifest).images?.none.art).toEqual({
      file: 'images/spine-none.0123456789.png',
      widthPixels: 512,
      heightPixels: 512,
    });
    const { images: _images, ...older } = manifest;
    expect(buildCatalog(spineNidra, older).images).toBeUndefined();
  });

  it.each([
    ['a URL', 'https://elsewhere.test/x.png'],
    ['a path out of images/', 'images/../manifest.json'],
    ['another folder', 'clips/spine-none.0123456789.png'],
  ])('refuses an image file that is %s', (_label, file) => {
    const manifest = estimatedManifest();
    const images = { ...manifest.images, none: { art: { file, widthPixels: 512, heightPixels: 512 }, background: manifest.images?.none.background } };
    expect(() => buildCatalog(spineNidra, { ...manifest, images } as typeof manifest)).toThrow(/unexpected file name/);
  });
});
