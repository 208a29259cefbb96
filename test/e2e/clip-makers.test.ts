import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import type { PutObjectCommand } from '@aws-sdk/client-s3';
import { createLocalClipMaker } from '../../local/local-clip-maker';
import { CLIP_CACHE_CONTROL, createPollyS3ClipMaker } from '../../lambda/clips/polly-s3-clip-maker';
import { CLIP_SILENCE_AFTER_SEC, clipFiles, clipKey, makeClipWithin } from '../../lambda/sankalpa/clips';
import { measureDurationMs } from '../../tools/audio/ffmpeg';

describe('Polly + S3 clips (AWS clients stood in: they cannot be reached here)', () => {
  const fakeMp3 = new Uint8Array([0xff, 0xfb, 0x90, 0x64]);
  function clients(options: { noAudio?: boolean } = {}) {
    const sent: unknown[] = [];
    const polly = {
      send: async (command: unknown) => {
        sent.push(command);
        return options.noAudio ? {} : { AudioStream: { transformToByteArray: async () => fakeMp3 } };
      },
    };
    const s3 = {
      send: async (command: unknown) => {
        sent.push(command);
        return {};
      },
    };
    return { sent, polly, s3 };
  }

  it('speaks the escaped sankalpa in a neural voice, then stores it under each clip name with immutable caching', async () => {
    const { sent, polly, s3 } = clients();
    const maker = createPollyS3ClipMaker({ polly, s3, bucket: 'spine-nidra-audio', voiceId: 'Ruth' });
    const text = 'I am safe & <calm>';
    const key = await makeClipWithin(maker, text);
    expect(key).toBe(clipKey(text, 'polly:Ruth:neural'));

    const [synth, ...puts] = sent;
    expect(synth).toBeInstanceOf(SynthesizeSpeechCommand);
    expect((synth as SynthesizeSpeechCommand).input).toMatchObject({
      Engine: 'neural',
      VoiceId: 'Ruth',
      OutputFormat: 'mp3',
      TextType: 'ssml',
      Text: `<speak><prosody rate="90%">I am safe &amp; &lt;calm&gt;</prosody><break time="${CLIP_SILENCE_AFTER_SEC}s"/></speak>`,
    });
    expect(puts.map((put) => (put as PutObjectCommand).input)).toEqual(
      clipFiles(key as string).map((file) => ({
        Bucket: 'spine-nidra-audio',
        Key: `clips/${file}`,
        Body: fakeMp3,
        ContentType: 'audio/mpeg',
        CacheControl: CLIP_CACHE_CONTROL,
      })),
    );
  });

  it.each(['Alexa I am calm and whole', 'I hear the ECHO of my breath', 'computer, I rest'])(
    'refuses to render "%s": a wake word in the room could wake the Echo',
    async (text) => {
      const { sent, polly, s3 } = clients();
      await expect(createPollyS3ClipMaker({ polly, s3, bucket: 'b', voiceId: 'Ruth' }).make(text, ['x.mp3'])).rejects.toThrow(/wake word/);
      const audioDir = mkdtempSync(join(tmpdir(), 'spine-nidra-clips-'));
      await expect(createLocalClipMaker(audioDir).make(text, ['y.mp3'])).rejects.toThrow(/wake word/);
      expect(sent).toEqual([]);
    },
  );

  it('fails loudly (for the caller to log and carry on) when Polly returns no audio', async () => {
    const { polly, s3 } = clients({ noAudio: true });
    await expect(createPollyS3ClipMaker({ polly, s3, bucket: 'b', voiceId: 'Ruth' }).make('I am calm', ['x.mp3'])).rejects.toThrow(/no audio/);
  });
});

describe('local clips (real flite and ffmpeg)', () => {
  it('renders the sankalpa in the practice voice with room to repeat it, under both clip names, once', async () => {
    const audioDir = mkdtempSync(join(tmpdir(), 'spine-nidra-clips-'));
    const maker = createLocalClipMaker(audioDir);
    try {
      const key = (await makeClipWithin(maker, 'My spine is supple and free', 20_000)) as string;
      const files = clipFiles(key).map((file) => join(audioDir, 'clips', file));
      const durations = await Promise.all(files.map(measureDurationMs));
      for (const duration of durations) {
        expect(duration).toBeGreaterThan((CLIP_SILENCE_AFTER_SEC + 1) * 1000);
        expect(duration).toBeLessThan((CLIP_SILENCE_AFTER_SEC + 8) * 1000);
      }
      const firstWrite = statSync(files[0]).mtimeMs;
      await makeClipWithin(maker, 'My spine is supple and free', 20_000);
      expect(statSync(files[0]).mtimeMs).toBe(firstWrite);
    } finally {
      await maker.close();
    }
  });
});
