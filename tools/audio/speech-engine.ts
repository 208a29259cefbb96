/**
 * A text-to-speech engine the renderer can drive: flite (WASI, offline, the default) and Amazon
 * Polly (neural voices, for production). Each writes one cue as a mono s16 WAV; the renderer
 * trims, assembles, masters and encodes the same way whatever spoke.
 */
import { voiceSettingsId, type VoiceSettings } from './render-key';
import { createFliteEngine } from './flite';
import { createPollyEngine, type PollySender } from './polly';

export interface SpeechEngine {
  /** Stable description of the engine and its voice settings, e.g. `flite:slt:duration_stretch=1.42`. */
  id: string;
  /** Speak `text` into a WAV file (PCM s16, mono) at `outPath`. */
  synthesize(text: string, outPath: string, options?: SynthesisOptions): Promise<void>;
  /** Release workers or clients; the engine is unusable afterwards. */
  close?(): Promise<void>;
}

/** Per-cue changes to the voice settings. */
export interface SynthesisOptions {
  /** Speed relative to the voice settings' own: 1 as configured, 0.92 eight percent slower. */
  rate?: number;
}

export interface SpeechEngineOptions {
  /** Syntheses in flight at once. */
  concurrency?: number;
  /** For polly: the client (default: a real PollyClient). */
  pollyClient?: PollySender;
}

/** The engine described by `voice`; its id always equals `voiceSettingsId(voice)`. */
export function createSpeechEngine(voice: VoiceSettings, options: SpeechEngineOptions = {}): SpeechEngine {
  switch (voice.engine) {
    case 'flite':
      return createFliteEngine(voice, options);
    case 'polly':
      return createPollyEngine(voice, { client: options.pollyClient, concurrency: options.concurrency && options.concurrency * 2 });
    default:
      throw new Error(`unknown speech engine "${voice.engine}" (${voiceSettingsId(voice)})`);
  }
}
