/**
 * Renders a practice model with a speech engine: every segment any variant plays (alternates
 * included), in each ambience mix its variants use, plus `<out>/manifest.json` listing each
 * variant's segment order and files. Synthesis happens once per segment, shared by its mixes and
 * by every variant that plays it; the engine starts only when something needs synthesizing.
 */
import type { Practice } from '../../models/practice-types';
import { AMBIENCE_MIXES, allSegments, deliveredVariants, type AmbienceMix } from '../../models/variants';
import { DEFAULT_RENDER_SETTINGS, speechInputs, voiceSettingsId, type RenderSettings } from './render-key';
import { renderFiles } from './render-files';
import type { RenderReporter, RenderResult } from './render-result';
import { synthesizeVoice } from './segment-audio';
import { createSpeechEngine, type SpeechEngine } from './speech-engine';

export type { RenderReporter, RenderResult as RenderPracticeResult, SegmentOutcome } from './render-result';
export { SILENT_REPORTER } from './render-result';
export { forEachLimited } from './render-files';

export interface RenderPracticeOptions {
  outDir: string;
  settings?: RenderSettings;
  /** Render only these segment ids (others are reused if present, never rendered). */
  only?: readonly string[];
  /** Segments in flight at once; default 2 (flite also runs on two worker threads). */
  concurrency?: number;
  /** Defaults to the engine `settings.voice` describes; its id must match those settings. */
  engine?: SpeechEngine;
  /** Ambience mixes to deliver, default mix first (default: forest, then plain). */
  mixes?: readonly AmbienceMix[];
  reporter?: RenderReporter;
}

export async function renderPractice(practice: Practice, options: RenderPracticeOptions): Promise<RenderResult> {
  const settings = options.settings ?? DEFAULT_RENDER_SETTINGS;
  const engineId = voiceSettingsId(settings.voice);
  if (options.engine && options.engine.id !== engineId) {
    throw new Error(`engine "${options.engine.id}" does not match the voice settings "${engineId}"`);
  }
  validateSegments(practice);
  let engine = options.engine;
  let ownsEngine = false;
  const theEngine = (): SpeechEngine => {
    if (!engine) {
      engine = createSpeechEngine(settings.voice, { concurrency: options.concurrency ?? 2 });
      ownsEngine = true;
    }
    return engine;
  };
  try {
    return await renderFiles({
      practiceId: practice.id,
      sources: allSegments(practice).map((segment) => ({
        segment,
        inputs: speechInputs(segment, settings),
        load: () => synthesizeVoice(segment, settings, theEngine()),
      })),
      variants: deliveredVariants(practice, options.mixes ?? AMBIENCE_MIXES),
      outDir: options.outDir,
      settings,
      engineId,
      only: options.only,
      concurrency: options.concurrency,
      reporter: options.reporter,
    });
  } finally {
    if (ownsEngine) await engine?.close?.();
  }
}

/** Checks what the renderer relies on: sections own their segments, timings are usable. */
export function validateSegments(practice: Practice): void {
  for (const section of practice.sections) {
    for (const segment of [...section.segments, ...(section.alternates ?? [])]) {
      const where = `segment "${segment.id}"`;
      if (segment.sectionId !== section.id) {
        throw new Error(`${where}: sectionId "${segment.sectionId}" but it is in section "${section.id}"`);
      }
      if (!(segment.leadInSec >= 0)) throw new Error(`${where}: invalid leadInSec ${segment.leadInSec}`);
      if (segment.cues.length === 0) throw new Error(`${where}: has no cues`);
      segment.cues.forEach((cue, index) => {
        if (!(cue.pauseSec >= 0)) throw new Error(`${where}: cue ${index + 1} has invalid pauseSec ${cue.pauseSec}`);
      });
      if (segment.ambienceFadeOutSec !== undefined && !(segment.ambienceFadeOutSec > 0)) {
        throw new Error(`${where}: invalid ambienceFadeOutSec ${segment.ambienceFadeOutSec}`);
      }
    }
  }
  if (allSegments(practice).length === 0) throw new Error(`practice "${practice.id}" has no segments`);
}
