/**
 * Reads what a PNG says about itself, without an image library: the signature, the IHDR size and
 * colour type, and the inflated image data (for comparing pictures whatever zlib compressed them).
 */
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

/** Every chunk in order, or an error naming what is wrong with the file. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  if (png.length < SIGNATURE.length || !png.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('not a PNG (bad signature)');
  const found: Array<{ type: string; data: Buffer }> = [];
  let at = SIGNATURE.length;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > png.length) throw new Error(`truncated PNG chunk ${type}`);
    found.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (found[0]?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  return found;
}

export function readPngInfo(png: Buffer): PngInfo {
  const header = chunks(png)[0].data;
  return { width: header.readUInt32BE(0), height: header.readUInt32BE(4), bitDepth: header[8], colorType: header[9] };
}

/** The filtered scanlines, inflated: equal for two files exactly when their pictures are equal (same writer). */
export function readPngScanlines(png: Buffer): Buffer {
  return inflateSync(
    Buffer.concat(
      chunks(png)
        .filter((chunk) => chunk.type === 'IDAT')
        .map((chunk) => chunk.data),
    ),
  );
}
