/** The local server (npm start) in-process, on a random port with its own data and audio folders. */
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readLocalConfig, type LocalConfig } from '../../local/local-config';
import { startLocalServer, type LocalServer } from '../../local/server';
import type { Logger } from '../../lambda/skill/deps';
import { createTestAudio, type TestAudio } from './local-audio';

export const quietLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface TestFolders {
  root: string;
  dataDir: string;
  audio: TestAudio;
}

/** Fresh data and audio folders; short segments unless a test needs time to act within one. */
export function createTestFolders(segmentSec = 4): TestFolders {
  const root = mkdtempSync(path.join(tmpdir(), 'spine-nidra-local-'));
  return { root, dataDir: path.join(root, 'data'), audio: createTestAudio(path.join(root, 'audio'), segmentSec) };
}

export function testConfig(folders: TestFolders, env: NodeJS.ProcessEnv = {}): LocalConfig {
  return readLocalConfig({ PORT: '0', DATA_DIR: folders.dataDir, AUDIO_DIR: folders.audio.dir, ...env });
}

export function startTestServer(folders: TestFolders, env: NodeJS.ProcessEnv = {}): Promise<LocalServer> {
  return startLocalServer(testConfig(folders, env), { log: quietLogger });
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/** Plain node:http, so tests can send headers fetch forbids (Host) and raw paths. */
export function httpRequest(
  server: LocalServer,
  requestPath: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: server.port, path: requestPath, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text: body.toString('utf8') });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

export async function postJson(server: LocalServer, requestPath: string, value: unknown, headers: Record<string, string> = {}) {
  const answer = await httpRequest(server, requestPath, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  });
  return { ...answer, json: answer.text.startsWith('{') ? JSON.parse(answer.text) : undefined };
}
