/** Settings of the local server (`npm start`), from the environment, with defaults that just work. */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * Alexa only streams https URLs, so the skill always builds https stream URLs. Locally nothing
 * answers at this host: the simulator maps the prefix onto this server's own /audio/. Behind an
 * HTTPS tunnel, set AUDIO_BASE_URL=https://<tunnel-host>/audio and a real Echo fetches from here.
 */
export const DEFAULT_AUDIO_BASE_URL = 'https://spine-nidra.localhost/audio';
export const DEFAULT_TABLE_NAME = 'spine-nidra-listeners';
export const DEFAULT_PORT = 3000;

export interface LocalConfig {
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on; loopback unless you need another machine to reach it. */
  host: string;
  /** dynalite's LevelDB folder: the listeners' progress survives restarts here. */
  dataDir: string;
  /** Rendered practice audio with manifest.json; personal clips under clips/. */
  audioDir: string;
  audioBaseUrl: string;
  tableName: string;
  skillId?: string;
  /** Interaction model the simulator understands text with. */
  modelPath: string;
}

export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const port = env.PORT === undefined || env.PORT === '' ? DEFAULT_PORT : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const audioBaseUrl = (env.AUDIO_BASE_URL || DEFAULT_AUDIO_BASE_URL).replace(/\/+$/, '');
  if (!/^https:\/\/[^/\s]+/.test(audioBaseUrl)) {
    throw new Error('AUDIO_BASE_URL must be an https URL (Alexa only streams over https)');
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || path.join(REPO_ROOT, '.data')),
    audioDir: path.resolve(env.AUDIO_DIR || path.join(REPO_ROOT, 'audio')),
    audioBaseUrl,
    tableName: env.TABLE_NAME || DEFAULT_TABLE_NAME,
    skillId: env.SKILL_ID || undefined,
    modelPath: path.resolve(env.INTERACTION_MODEL || path.join(REPO_ROOT, 'skill-package', 'interactionModels', 'custom', 'en-US.json')),
  };
}
