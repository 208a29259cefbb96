/**
 * Local personal clips: the practice's own renderer (flite in the practice voice, the same
 * levelling and encoding) writes the clip into `<audio dir>/clips/`, which the local server
 * serves. Never bundled into the Lambda.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_RENDER_SETTINGS, voiceSettingsId, type RenderSettings } from '../tools/audio/render-key';
import { renderSegmentAudio } from '../tools/audio/segment-audio';
import { createSpeechEngine, type SpeechEngine } from '../tools/audio/speech-engine';
import { CLIP_SILENCE_AFTER_SEC, type ClipMaker, refuseWakeWords } from '../lambda/sankalpa/clips';
import { CLIP_PREFIX } from '../lambda/skill/player';

export interface LocalClipMaker extends ClipMaker {
  close(): Promise<void>;
}

export function createLocalClipMaker(audioDir: string, settings: RenderSettings = DEFAULT_RENDER_SETTINGS): LocalClipMaker {
  const clipDir = join(audioDir, CLIP_PREFIX);
  let engine: SpeechEngine | undefined;
  return {
    voice: voiceSettingsId(settings.voice),
    async make(text, files) {
      refuseWakeWords(text);
      const [first, ...copies] = files.map((file) => join(clipDir, file));
      if ((await exists(first)) && (await Promise.all(copies.map(exists))).every(Boolean)) return;
      await mkdir(clipDir, { recursive: true });
      engine ??= createSpeechEngine(settings.voice, { concurrency: 1 });
      const clip = {
        id: 'sankalpa-personal',
        sectionId: 'sankalpa' as const,
        title: 'your sankalpa',
        leadInSec: 0.5,
        cues: [{ say: text, pauseSec: CLIP_SILENCE_AFTER_SEC }],
      };
      await renderSegmentAudio(clip, settings, engine, first);
      await Promise.all(copies.map((copy) => copyFile(first, copy)));
    },
    async close() {
      await engine?.close?.();
      engine = undefined;
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.size > 0,
    () => false,
  );
}
