/**
 * Measures the speaking rate of the default voice on the Spine Nidra text at one or more flite
 * duration_stretch values, trimmed exactly as the renderer trims cues, to pick the stretch that
 * matches models/timing.ts (SPEECH_WORDS_PER_MINUTE).
 *
 *   npx tsx tools/audio/measure-speech-rate.ts [stretch ...]      e.g. 1.5 1.6 1.7
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spineNidra } from '../../models/spine-nidra';
import { SPEECH_WORDS_PER_MINUTE } from '../../models/timing';
import { parseWav, trimSilence } from './pcm';
import { DEFAULT_RENDER_SETTINGS, normalizeSpokenText } from './render-key';
import { createSpeechEngine } from './speech-engine';

async function measure(stretch: number, texts: readonly string[], workDir: string): Promise<void> {
  const voice = { ...DEFAULT_RENDER_SETTINGS.voice, options: { ...DEFAULT_RENDER_SETTINGS.voice.options, duration_stretch: stretch } };
  const engine = createSpeechEngine(voice);
  let words = 0;
  let speechSec = 0;
  let rawSec = 0;
  try {
    await Promise.all(
      texts.map(async (text, index) => {
        const file = path.join(workDir, `${stretch}-${index}.wav`);
        await engine.synthesize(text, file);
        const raw = parseWav(await readFile(file));
        const trimmed = trimSilence(raw, DEFAULT_RENDER_SETTINGS.processing);
        words += text.split(' ').length;
        rawSec += raw.samples.length / raw.sampleRate;
        speechSec += trimmed.samples.length / trimmed.sampleRate;
        await rm(file);
      }),
    );
  } finally {
    await engine.close?.();
  }
  console.log(
    `${engine.id}: ${((words / speechSec) * 60).toFixed(1)} wpm as rendered (trimmed), ` +
      `${((words / rawSec) * 60).toFixed(1)} wpm untrimmed; ${words} words, ${speechSec.toFixed(1)} s of speech`,
  );
}

async function main(): Promise<void> {
  const stretches = process.argv.slice(2).map(Number);
  if (stretches.length === 0) stretches.push(Number(DEFAULT_RENDER_SETTINGS.voice.options.duration_stretch));
  if (stretches.some((value) => !(value > 0))) throw new Error('stretches must be positive numbers');
  const texts = spineNidra.sections.flatMap((section) =>
    section.segments.flatMap((segment) => segment.cues.map((cue) => normalizeSpokenText(cue.say)).filter(Boolean)),
  );
  console.log(`target: ${SPEECH_WORDS_PER_MINUTE} wpm (models/timing.ts); ${texts.length} cues`);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'speech-rate-'));
  try {
    for (const stretch of stretches) await measure(stretch, texts, workDir);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`measure-speech-rate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
