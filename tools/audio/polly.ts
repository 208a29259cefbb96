/**
 * Amazon Polly as a SpeechEngine, for production voices: a neural voice reads each cue as SSML,
 * slowed a little, with a short break between the sentences inside a cue. The cue's own pause is
 * not spoken by Polly (its <break> tops out at 10 s, and the practice pauses for up to 150 s): the
 * renderer inserts it as exact digital silence, as for every engine. Polly returns 16 kHz PCM,
 * written as a WAV for the same trimming and mastering as flite's output.
 */
import { writeFile } from 'node:fs/promises';
import { PollyClient, SynthesizeSpeechCommand, type SynthesizeSpeechCommandInput } from '@aws-sdk/client-polly';
import { voiceSettingsId, type VoiceSettings } from './render-key';
import type { SpeechEngine, SynthesisOptions } from './speech-engine';

/** The one method of an AWS SDK v3 client the engine uses; tests pass a stand-in. */
export interface PollySender {
  send(command: SynthesizeSpeechCommand): Promise<{ AudioStream?: unknown }>;
}

export const DEFAULT_POLLY_VOICE = 'Ruth';

/** Polly options as they appear in the voice settings (and so in the render key). */
export const DEFAULT_POLLY_OPTIONS = {
  /** Polly engine: neural voices sound natural at a slow, calm pace. */
  engine: 'neural',
  /** SSML prosody rate: a little under normal speed suits a guided relaxation. */
  rate: '90%',
  /** Break between sentences inside one cue, in milliseconds. */
  sentenceBreakMs: 700,
  /** PCM sample rate Polly returns (8000 or 16000 for pcm). */
  sampleRate: 16000,
} as const;

export function pollyVoice(voiceId: string = process.env.POLLY_VOICE || DEFAULT_POLLY_VOICE): VoiceSettings {
  return { engine: 'polly', voice: voiceId, options: { ...DEFAULT_POLLY_OPTIONS } };
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] as string);
}

/** One cue as SSML: sentences separated by a break, the whole read at the prosody rate. */
export function cueSsml(text: string, options: { rate: string; sentenceBreakMs: number }): string {
  const sentences = text
    .trim()
    .split(/(?<=[.!?])\s+/)
    .filter(Boolean)
    .map(escapeXml);
  return `<speak><prosody rate="${escapeXml(options.rate)}">${sentences.join(`<break time="${options.sentenceBreakMs}ms"/>`)}</prosody></speak>`;
}

/** A RIFF/WAVE header plus mono s16le PCM. */
export function wavFromPcm(pcm: Uint8Array, sampleRate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)]);
}

/** The prosody rate for a cue `rate` times the voice's own (`90%` at 0.92 is `83%`); Polly accepts 20% to 200%. */
export function prosodyRate(base: string, rate: number): string {
  if (rate === 1) return base;
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(base.trim())?.[1];
  if (percent === undefined) throw new Error(`polly: cannot scale the prosody rate "${base}" (give it in percent)`);
  return `${Math.min(200, Math.max(20, Math.round(Number(percent) * rate)))}%`;
}

async function audioBytes(stream: unknown): Promise<Uint8Array> {
  if (stream instanceof Uint8Array) return stream;
  const sdkStream = stream as { transformToByteArray?: () => Promise<Uint8Array> } | undefined;
  if (sdkStream?.transformToByteArray) return sdkStream.transformToByteArray();
  throw new Error('Polly returned no audio stream');
}

export interface PollyEngineOptions {
  /** Defaults to a PollyClient for $AWS_REGION (else us-east-1) with the SDK's default credentials. */
  client?: PollySender;
  /** Requests in flight at once (Polly's neural quota is a few per second); default 4. */
  concurrency?: number;
}

export function createPollyEngine(voice: VoiceSettings, options: PollyEngineOptions = {}): SpeechEngine {
  if (voice.engine !== 'polly') throw new Error(`not a polly voice: ${voiceSettingsId(voice)}`);
  const settings = { ...DEFAULT_POLLY_OPTIONS, ...voice.options };
  const sampleRate = Number(settings.sampleRate);
  if (sampleRate !== 8000 && sampleRate !== 16000) throw new Error(`polly: pcm sample rate must be 8000 or 16000, not ${settings.sampleRate}`);
  const client: PollySender =
    options.client ?? (new PollyClient({ region: process.env.AWS_REGION || 'us-east-1', maxAttempts: 6 }) as unknown as PollySender);
  const limit = Math.max(1, options.concurrency ?? 4);
  let running = 0;
  const waiting: Array<() => void> = [];
  const acquire = async (): Promise<void> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = (): void => {
    running--;
    waiting.shift()?.();
  };

  return {
    id: voiceSettingsId(voice),
    async synthesize(text: string, outPath: string, cue: SynthesisOptions = {}): Promise<void> {
      if (text.trim() === '') throw new Error('polly: nothing to say (empty text)');
      const rate = prosodyRate(String(settings.rate), cue.rate ?? 1);
      const input: SynthesizeSpeechCommandInput = {
        Engine: String(settings.engine) as SynthesizeSpeechCommandInput['Engine'],
        VoiceId: voice.voice as SynthesizeSpeechCommandInput['VoiceId'],
        OutputFormat: 'pcm',
        SampleRate: String(sampleRate),
        TextType: 'ssml',
        Text: cueSsml(text, { rate, sentenceBreakMs: Number(settings.sentenceBreakMs) }),
      };
      await acquire();
      try {
        const response = await client.send(new SynthesizeSpeechCommand(input));
        const pcm = await audioBytes(response.AudioStream);
        if (pcm.length < 2) throw new Error(`polly returned no audio for: ${JSON.stringify(text)}`);
        await writeFile(outPath, wavFromPcm(pcm.subarray(0, pcm.length - (pcm.length % 2)), sampleRate));
      } catch (error) {
        throw new Error(`polly (${voice.voice}): ${(error as Error).message}`, { cause: error });
      } finally {
        release();
      }
    },
  };
}
