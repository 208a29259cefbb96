/**
 * A minimal PNG writer: 8-bit RGB, no interlace, one IDAT. Enough for the generated spine
 * pictures without an image library; node's zlib does the compression and the CRCs.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = 3;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Every row unfiltered (filter type 0). For these pictures, smooth gradients quantized to 8 bits
 * are long runs of repeated bytes that deflate finds directly; the predicting filters turn them
 * into noisy residuals that came out 10-30% larger and took ten times longer to compress.
 */
function unfilteredRows(width: number, height: number, rgb: Uint8Array): Buffer {
  const stride = width * CHANNELS;
  const out = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) out.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return out;
}

/** Encodes `rgb` (row-major, 3 bytes a pixel) as a PNG file. The same pixels always give the same bytes. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) throw new Error(`bad image size ${width}x${height}`);
  if (rgb.length !== width * height * CHANNELS) throw new Error(`expected ${width * height * CHANNELS} bytes of RGB, got ${rgb.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  // compression, filter method and interlace stay 0: deflate, the standard filters, no interlace
  const data = deflateSync(unfilteredRows(width, height, rgb), { level: 9 });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]);
}
