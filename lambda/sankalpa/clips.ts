/**
 * The listener's personal sankalpa clip: a short recording in the practice voice, addressed by
 * content so the same words in the same voice are only ever made once.
 */
import { createHash } from 'node:crypto';
import { PERSONAL_CLIP_AFTER } from '../playback/plan';
import { hasWakeWord } from './phrase';

/** Bump when the clip's sound changes (voice settings, framing), so old files are not reused. */
export const CLIP_FORMAT_VERSION = 1;

/** Silence after the words, for the listener to repeat their sankalpa inwardly. */
export const CLIP_SILENCE_AFTER_SEC = 6;

export interface ClipMaker {
  /** Names the voice, so a change of voice makes new clips. */
  readonly voice: string;
  /** Renders and stores the clip under every name in `files`. */
  make(text: string, files: readonly string[]): Promise<void>;
}

/** How Polly-made clips name their voice (part of the clip key). */
export function pollyClipVoice(voiceId: string): string {
  return `polly:${voiceId}:neural`;
}

export function clipKey(text: string, voice: string): string {
  return createHash('sha256').update(`${CLIP_FORMAT_VERSION}\n${voice}\n${text}`).digest('hex').slice(0, 16);
}

/** One file name per point in the practice, each starting with its queue id (`sankalpa-personal.<key>.mp3`). */
export function clipFiles(key: string): string[] {
  return Object.values(PERSONAL_CLIP_AFTER).map((id) => `${id}.${key}.mp3`);
}

/** A request may wait this long for a clip: well inside Alexa's 8 s, with DynamoDB still to come. */
export const DEFAULT_CLIP_BUDGET_MS = 3_000;

/** Makes the clip within a time budget and returns its key; undefined without a maker. Rejects on failure. */
export async function makeClipWithin(maker: ClipMaker | undefined, text: string, budgetMs = DEFAULT_CLIP_BUDGET_MS): Promise<string | undefined> {
  if (!maker) return undefined;
  refuseWakeWords(text);
  const key = clipKey(text, maker.voice);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`clip not ready within ${budgetMs} ms`)), budgetMs);
  });
  try {
    await Promise.race([maker.make(text, clipFiles(key)), timeout]);
    return key;
  } finally {
    clearTimeout(timer);
  }
}

/** The clip makers' own guard: a sankalpa with a wake word is never rendered, whoever asks. */
export function refuseWakeWords(text: string): void {
  if (hasWakeWord(text)) throw new Error('a sankalpa with a wake word in it is never rendered');
}
