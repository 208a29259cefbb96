/**
 * A text-to-speech engine the renderer can drive. flite (WASI, local) is the first; Amazon Polly
 * is meant to plug in behind the same interface.
 */
import { voiceSettingsId, type VoiceSettings } from './render-key';
import { createFliteEngine } from './flite';

export interface SpeechEngine {
  /** Stable description of the engine and its voice settings, e.g. `flite:slt:duration_stretch=1.42`. */
  id: string;
  /** Speak `text` into a WAV file (PCM s16, mono) at `outPath`. */
  synthesize(text: string, outPath: string): Promise<void>;
  /** Release workers or clients; the engine is unusable afterwards. */
  close?(): Promise<void>;
}

/** The engine described by `voice`; its id always equals `voiceSettingsId(voice)`. */
export function createSpeechEngine(voice: VoiceSettings, options: { concurrency?: number } = {}): SpeechEngine {
  switch (voice.engine) {
    case 'flite':
      return createFliteEngine(voice, options);
    default:
      throw new Error(`unknown speech engine "${voice.engine}" (${voiceSettingsId(voice)})`);
  }
}
