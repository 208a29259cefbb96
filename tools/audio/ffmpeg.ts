/**
 * ffmpeg (the static build from @ffmpeg-installer/ffmpeg; there is no ffprobe) and file helpers:
 * run it with arguments, measure an audio file by decoding it, decode PCM, hash a file.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';

export const FFMPEG_PATH: string = ffmpegInstaller.path;

/** Keep only the end of ffmpeg's chatter for error messages. */
const STDERR_LIMIT = 64 * 1024;

export interface FfmpegRun {
  /** Bytes fed to ffmpeg's stdin (`-i pipe:0`); stdin is closed right away without it. */
  input?: Buffer;
  /** Receives stdout chunks as they arrive (`pipe:1`); stdout is discarded without it. */
  onStdout?: (chunk: Buffer) => void;
}

/** Runs ffmpeg with `args` (after `-hide_banner -nostdin`); resolves with its stderr. */
export function runFfmpeg(args: readonly string[], run: FfmpegRun = {}): Promise<string> {
  const fullArgs = ['-hide_banner', ...(run.input ? [] : ['-nostdin']), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(FFMPEG_PATH, fullArgs, { stdio: ['pipe', run.onStdout ? 'pipe' : 'ignore', 'pipe'] });
    const { stdin, stdout, stderr: errors } = child;
    if (!stdin || !errors) throw new Error('ffmpeg: stdio pipes missing');
    let stderr = '';
    errors.setEncoding('utf8');
    errors.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_LIMIT);
    });
    if (run.onStdout) stdout?.on('data', run.onStdout);
    child.on('error', (error) => reject(new Error(`cannot run ffmpeg (${FFMPEG_PATH}): ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(stderr);
      const tail = stderr.trim().split('\n').slice(-6).join('\n');
      reject(new Error(`ffmpeg ${fullArgs.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
    // EPIPE when ffmpeg exits early is reported through 'close' above.
    stdin.on('error', () => undefined);
    stdin.end(run.input);
  });
}

export interface AudioStreamInfo {
  /** Codec name as ffmpeg prints it, e.g. `mp3`. */
  codec: string;
  sampleRate: number;
  channels: number;
  /** Stream bit rate ffmpeg reports, if any, in kb/s. */
  bitrateKbps?: number;
}

export interface MeasuredAudio extends AudioStreamInfo {
  /** Decoded samples per channel; exact, counted from the decoded PCM. */
  samples: number;
  durationMs: number;
}

/** Parses the first audio stream line of ffmpeg's input description. */
export function parseAudioStreamInfo(stderr: string): AudioStreamInfo {
  const line = stderr.split('\n').find((candidate) => /Stream #\d+:\d+.*: Audio: /.test(candidate));
  if (!line) throw new Error(`no audio stream found:\n${stderr.trim().split('\n').slice(-6).join('\n')}`);
  const codec = /Audio: ([^\s,]+)/.exec(line)?.[1] ?? 'unknown';
  const sampleRate = Number(/(\d+) Hz/.exec(line)?.[1]);
  const layout = /Hz, ([^,]+)/.exec(line)?.[1]?.trim() ?? '';
  const channels = layout === 'mono' ? 1 : layout === 'stereo' ? 2 : Number(/^(\d+) channels/.exec(layout)?.[1]);
  const bitrate = /(\d+) kb\/s/.exec(line)?.[1];
  if (!sampleRate || !channels) throw new Error(`cannot parse audio stream: ${line.trim()}`);
  return { codec, sampleRate, channels, ...(bitrate ? { bitrateKbps: Number(bitrate) } : {}) };
}

/**
 * Decodes the whole file (first audio stream, at its own rate and channel count) and counts the
 * PCM samples, so the duration is exact, including the encoder delay/padding the MP3's LAME tag
 * tells the decoder to drop.
 */
export async function measureAudio(file: string): Promise<MeasuredAudio> {
  let bytes = 0;
  const stderr = await runFfmpeg(['-i', file, '-map', '0:a:0', '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'], {
    onStdout: (chunk) => {
      bytes += chunk.length;
    },
  });
  const info = parseAudioStreamInfo(stderr);
  const samples = Math.floor(bytes / 2 / info.channels);
  return { ...info, samples, durationMs: Math.round((samples / info.sampleRate) * 1000) };
}

/** Duration of an audio file in milliseconds, measured by decoding it. */
export async function measureDurationMs(file: string): Promise<number> {
  return (await measureAudio(file)).durationMs;
}

export interface DecodeOptions {
  /** Output rate; default 44100. */
  sampleRate?: number;
  /** Start of the window, in seconds from the start of the decoded audio. */
  startSec?: number;
  /** Length of the window, in seconds; default to the end. */
  durationSec?: number;
}

/** Decodes (part of) an audio file to mono s16 samples. */
export async function decodeMonoPcm(file: string, options: DecodeOptions = {}): Promise<Int16Array> {
  const chunks: Buffer[] = [];
  const filters = [];
  if (options.startSec !== undefined || options.durationSec !== undefined) {
    const end = options.durationSec !== undefined ? `:duration=${options.durationSec}` : '';
    filters.push(`atrim=start=${options.startSec ?? 0}${end}`);
  }
  await runFfmpeg(
    [
      '-i',
      file,
      ...(filters.length ? ['-af', filters.join(',')] : []),
      '-ac',
      '1',
      '-ar',
      String(options.sampleRate ?? 44100),
      '-f',
      's16le',
      '-acodec',
      'pcm_s16le',
      'pipe:1',
    ],
    { onStdout: (chunk) => chunks.push(chunk) },
  );
  const pcm = Buffer.concat(chunks);
  const samples = new Int16Array(Math.floor(pcm.length / 2));
  new Uint8Array(samples.buffer).set(pcm.subarray(0, samples.length * 2));
  return samples;
}

/** sha256 of a file's bytes, lowercase hex. */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Bytes (whole chunks) to a Float32Array that owns aligned memory. */
function toFloat32(chunks: readonly Buffer[]): Float32Array {
  const bytes = Buffer.concat(chunks);
  const out = new Float32Array(Math.floor(bytes.length / 4));
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.length * 4));
  return out;
}

/**
 * Runs ffmpeg with `inputArgs` (inputs and filters) and collects its output as mono float samples
 * at `sampleRate`: the form every mix in this renderer is made in.
 */
export async function ffmpegToFloat32(inputArgs: readonly string[], sampleRate: number, input?: Buffer): Promise<Float32Array> {
  const chunks: Buffer[] = [];
  await runFfmpeg([...inputArgs, '-ac', '1', '-ar', String(sampleRate), '-f', 'f32le', '-acodec', 'pcm_f32le', 'pipe:1'], {
    input,
    onStdout: (chunk) => chunks.push(chunk),
  });
  return toFloat32(chunks);
}

/** Mono s16 PCM (e.g. a synthesizer's 16 kHz) resampled to float at `sampleRate`. */
export function resampleToFloat32(samples: Int16Array, fromRate: number, toRate: number): Promise<Float32Array> {
  const input = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return ffmpegToFloat32(['-f', 's16le', '-ar', String(fromRate), '-ac', '1', '-i', 'pipe:0'], toRate, input);
}

/** The `[start, end)` seconds of any file ffmpeg decodes (WAV, MP3, M4A...), as mono float. */
export function decodeSliceFloat32(file: string, startSec: number, endSec: number, sampleRate: number): Promise<Float32Array> {
  // -ss before -i seeks fast; ffmpeg then decodes from the previous frame and drops exactly up to
  // the start (accurate_seek), so the cut is sample-accurate for compressed input too.
  return ffmpegToFloat32(['-ss', startSec.toFixed(6), '-t', (endSec - startSec).toFixed(6), '-i', file, '-map', '0:a:0'], sampleRate);
}
