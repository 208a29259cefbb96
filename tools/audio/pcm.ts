/**
 * Mono 16-bit PCM in memory: read a WAV, trim a synthesizer's own leading/trailing silence, and
 * assemble cues with exact silences. Silence added by the renderer is digital zero and stays zero;
 * levelling happens later, on the whole mix (master.ts).
 */

export interface MonoPcm {
  sampleRate: number;
  samples: Int16Array;
}

const FULL_SCALE = 32768;

export function dbfsToAmplitude(dbfs: number): number {
  return FULL_SCALE * 10 ** (dbfs / 20);
}

export function amplitudeToDbfs(amplitude: number): number {
  return amplitude <= 0 ? -Infinity : 20 * Math.log10(amplitude / FULL_SCALE);
}

/** Parses a RIFF/WAVE file holding PCM s16 mono (what flite writes and Polly's pcm can be wrapped as). */
export function parseWav(bytes: Buffer): MonoPcm {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let format: { audioFormat: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const declared = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    const size = Math.min(declared, bytes.length - body);
    if (id === 'fmt ') {
      format = {
        audioFormat: bytes.readUInt16LE(body),
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data chunk before fmt chunk');
      if (format.audioFormat !== 1 || format.bitsPerSample !== 16 || format.channels !== 1) {
        throw new Error(
          `unsupported WAV: format ${format.audioFormat}, ${format.bitsPerSample} bit, ${format.channels} channels (need PCM s16 mono)`,
        );
      }
      const samples = new Int16Array(Math.floor(size / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(body + i * 2);
      return { sampleRate: format.sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV has no data chunk');
}

export interface TrimOptions {
  trimThresholdDbfs: number;
  keepLeadingSec: number;
  keepTrailingSec: number;
}

/**
 * Cuts the synthesizer's silence before and after the speech down to at most `keepLeadingSec` /
 * `keepTrailingSec` (shorter silences are left alone). All-quiet input trims to nothing.
 */
export function trimSilence(pcm: MonoPcm, options: TrimOptions): MonoPcm {
  const threshold = dbfsToAmplitude(options.trimThresholdDbfs);
  const { samples } = pcm;
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]) <= threshold) first++;
  if (first === samples.length) return { sampleRate: pcm.sampleRate, samples: new Int16Array(0) };
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]) <= threshold) last--;
  const start = Math.max(0, first - Math.round(options.keepLeadingSec * pcm.sampleRate));
  const end = Math.min(samples.length, last + 1 + Math.round(options.keepTrailingSec * pcm.sampleRate));
  return { sampleRate: pcm.sampleRate, samples: samples.slice(start, end) };
}

/** Exactly round(seconds * rate) samples of digital silence. */
export function silenceSamples(seconds: number, sampleRate: number): number {
  if (!(seconds >= 0)) throw new Error(`invalid silence length: ${seconds} s`);
  return Math.round(seconds * sampleRate);
}

/** Concatenates PCM parts: Int16Array for audio, number for that many samples of silence. */
export function concatPcm(parts: ReadonlyArray<Int16Array | number>): Int16Array {
  const total = parts.reduce<number>((sum, part) => sum + (typeof part === 'number' ? part : part.length), 0);
  const out = new Int16Array(total); // zero-filled: the silences need no writing
  let offset = 0;
  for (const part of parts) {
    if (typeof part === 'number') offset += part;
    else {
      out.set(part, offset);
      offset += part.length;
    }
  }
  return out;
}
