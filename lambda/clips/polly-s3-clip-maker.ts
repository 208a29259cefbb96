/**
 * Personal clips in AWS: Amazon Polly speaks the sankalpa in a neural voice, and the MP3 goes to
 * the audio bucket under the clips prefix, served by CloudFront. Never a presigned URL: AudioPlayer
 * fetches queued items long after such a URL would have expired.
 */
import { SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CLIP_SILENCE_AFTER_SEC, pollyClipVoice, type ClipMaker, refuseWakeWords } from '../sankalpa/clips';
import { escapeSsml } from '../core/speech';
import { CLIP_PREFIX } from '../skill/player';

/** The one method of an AWS SDK v3 client this maker uses; tests pass a stand-in. */
export interface CommandSender {
  send(command: unknown): Promise<unknown>;
}

export interface PollyS3Options {
  polly: CommandSender;
  s3: CommandSender;
  bucket: string;
  /** A Polly neural voice, e.g. "Ruth". */
  voiceId: string;
}

/** Content-addressed: the same key always holds the same audio, so CDNs may keep it forever. */
export const CLIP_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export function clipSsml(text: string): string {
  return `<speak><prosody rate="90%">${escapeSsml(text)}</prosody><break time="${CLIP_SILENCE_AFTER_SEC}s"/></speak>`;
}

export function createPollyS3ClipMaker(options: PollyS3Options): ClipMaker {
  return {
    voice: pollyClipVoice(options.voiceId),
    async make(text, files) {
      refuseWakeWords(text);
      const speech = (await options.polly.send(
        new SynthesizeSpeechCommand({
          Engine: 'neural',
          VoiceId: options.voiceId as never,
          OutputFormat: 'mp3',
          SampleRate: '24000',
          TextType: 'ssml',
          Text: clipSsml(text),
        }),
      )) as { AudioStream?: { transformToByteArray(): Promise<Uint8Array> } };
      if (!speech.AudioStream) throw new Error('Polly returned no audio');
      const body = await speech.AudioStream.transformToByteArray();
      await Promise.all(
        files.map((file) =>
          options.s3.send(
            new PutObjectCommand({
              Bucket: options.bucket,
              Key: `${CLIP_PREFIX}/${file}`,
              Body: body,
              ContentType: 'audio/mpeg',
              CacheControl: CLIP_CACHE_CONTROL,
            }),
          ),
        ),
      );
    },
  };
}
