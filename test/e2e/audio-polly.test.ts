/**
 * Amazon Polly behind the SpeechEngine interface. Polly cannot be reached here, so only its client
 * is a stand-in (it answers with generated 16 kHz PCM, as Polly's pcm output is); the commands are
 * the SDK's real ones and the rest of the pipeline (assembly, bed, mastering, ffmpeg) is real.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import type { AudioManifest } from '../../tools/audio/manifest-types';
import { createPollyEngine, cueSsml, pollyVoice, type PollySender } from '../../tools/audio/polly';
import { DEFAULT_RENDER_SETTINGS, type RenderSettings } from '../../tools/audio/render-key';
import { renderPractice } from '../../tools/audio/render-practice';
import { createSpeechEngine } from '../../tools/audio/speech-engine';
import { arrival, detectSilences, ebur128, tinyPractice, withShortSleepSounds } from '../support/audio-files';

/** Polly's answer: about a third of a second of "speech" (a voiced buzz) per word, 16-bit 16 kHz. */
function fakePcm(ssml: string): Uint8Array {
  const words = ssml
    .replace(/<[^>]+>/g, ' ')
    .trim()
    .split(/\s+/).length;
  const samples = new Int16Array(Math.round(16000 * (0.1 + words * 0.3)));
  for (let i = 1600; i < samples.length - 800; i++) {
    const t = i / 16000;
    samples[i] = Math.round(6000 * Math.sin(2 * Math.PI * 180 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t)));
  }
  return new Uint8Array(samples.buffer);
}

function fakeClient(): PollySender & { inputs: Array<SynthesizeSpeechCommand['input']> } {
  const inputs: Array<SynthesizeSpeechCommand['input']> = [];
  return {
    inputs,
    async send(command) {
      inputs.push(command.input);
      const pcm = fakePcm(command.input.Text ?? '');
      return { AudioStream: { transformToByteArray: async () => pcm } };
    },
  };
}

describe('Polly speech engine', () => {
  const original = process.env.POLLY_VOICE;
  afterEach(() => {
    if (original === undefined) delete process.env.POLLY_VOICE;
    else process.env.POLLY_VOICE = original;
  });

  it('reads each cue as SSML: slowed a little, a break between sentences, text escaped', () => {
    expect(cueSsml("Rest here. Let go, it's fine & easy.", { rate: '90%', sentenceBreakMs: 700 })).toBe(
      '<speak><prosody rate="90%">Rest here.<break time="700ms"/>Let go, it&apos;s fine &amp; easy.</prosody></speak>',
    );
  });

  it("slows a softened cue through the prosody rate, in proportion to the voice's own 90%", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audio-polly-rate-'));
    try {
      const client = fakeClient();
      const engine = createPollyEngine(pollyVoice('Ruth'), { client });
      await engine.synthesize('Sleep well.', path.join(dir, 'usual.wav'));
      await engine.synthesize('Sleep well.', path.join(dir, 'slower.wav'), { rate: 0.92 });
      expect(client.inputs.map((input) => input.Text)).toEqual([
        '<speak><prosody rate="90%">Sleep well.</prosody></speak>',
        '<speak><prosody rate="83%">Sleep well.</prosody></speak>',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('chooses a neural voice from POLLY_VOICE (default Ruth), and is what --engine polly creates', () => {
    delete process.env.POLLY_VOICE;
    expect(pollyVoice()).toMatchObject({ engine: 'polly', voice: 'Ruth', options: { engine: 'neural' } });
    process.env.POLLY_VOICE = 'Joanna';
    const voice = pollyVoice();
    expect(voice.voice).toBe('Joanna');
    expect(createSpeechEngine(voice, { pollyClient: fakeClient() }).id).toBe(
      'polly:Joanna:engine=neural:rate=90%:sampleRate=16000:sentenceBreakMs=700',
    );
  });

  it('asks Polly for 16 kHz PCM in SSML per cue, and renders it through the whole pipeline', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audio-polly-'));
    try {
      const client = fakeClient();
      const voice = pollyVoice('Ruth');
      const settings: RenderSettings = withShortSleepSounds({ ...DEFAULT_RENDER_SETTINGS, voice });
      const engine = createPollyEngine(voice, { client });
      const result = await renderPractice(tinyPractice(), { outDir: dir, settings, engine });
      expect(result.stats).toMatchObject({ segments: 3, files: 6, rendered: 6 });
      expect(client.inputs).toHaveLength(7); // one request per cue, shared by both mixes and both variants
      for (const input of client.inputs) {
        expect(input).toMatchObject({ Engine: 'neural', VoiceId: 'Ruth', OutputFormat: 'pcm', SampleRate: '16000', TextType: 'ssml' });
      }
      expect(client.inputs.map((input) => input.Text)).toContain(
        '<speak><prosody rate="90%">Welcome.<break time="700ms"/>Lie down and make yourself comfortable.</prosody></speak>',
      );

      const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as AudioManifest;
      expect(manifest.engine).toBe(engine.id);
      const plain = manifest.segments.find((entry) => entry.segmentId === 'arrival' && entry.ambience === 'none');
      // The cue pauses are the pipeline's own silence, not Polly breaks.
      const silences = await detectSilences(path.join(dir, plain?.file ?? ''));
      const written = [arrival.leadInSec, ...arrival.cues.map((cue) => cue.pauseSec)];
      expect(silences).toHaveLength(written.length);
      silences.forEach((silence, i) => {
        // As written, plus the engine's own short margins that trimming keeps.
        expect(silence.end - silence.start).toBeGreaterThanOrEqual(written[i] - 0.03);
        expect(silence.end - silence.start).toBeLessThan(written[i] + 0.3);
      });
      for (const entry of manifest.segments) {
        const measured = await ebur128(path.join(dir, entry.file));
        expect(Math.abs(measured.lufs + 14)).toBeLessThanOrEqual(0.5);
        expect(measured.truePeak).toBeLessThanOrEqual(-2);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails the render with Polly named when a request fails', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audio-polly-fail-'));
    try {
      const voice = pollyVoice('Ruth');
      const engine = createPollyEngine(voice, {
        client: { send: async () => Promise.reject(new Error('ThrottlingException: Rate exceeded')) },
      });
      await expect(renderPractice(tinyPractice(), { outDir: dir, settings: { ...DEFAULT_RENDER_SETTINGS, voice }, engine })).rejects.toThrow(
        /segment "\S+": polly \(Ruth\): ThrottlingException: Rate exceeded/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
