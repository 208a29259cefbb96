/**
 * The local server as a device and a developer meet it: audio with byte ranges, the simulator's
 * in-process route (this computer only), and progress that survives a restart.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { whyNotLocal } from '../../local/local-only';
import type { LocalServer } from '../../local/server';
import { encodeToken } from '../../lambda/playback/token';
import { testCatalog } from '../support/catalog';
import { createTestFolders, httpRequest, postJson, startTestServer, type TestFolders } from '../support/local-server';
import { audioEvent, intent } from '../../testkit/envelopes';
import { tokenFields } from '../../testkit/tokens';

let folders: TestFolders;
let server: LocalServer;

beforeAll(async () => {
  folders = createTestFolders();
  server = await startTestServer(folders);
});

afterAll(async () => {
  await server.close();
});

const token = (segmentId: string, nonce = 'abcd1234') => encodeToken(testCatalog(), { variant: 'standard', segmentId, nonce, attempt: 0, clip: '' });

describe('the privacy policy and terms', () => {
  test.each([
    ['/legal/privacy.html', /<h1>Spine Nidra privacy policy<\/h1>[\s\S]*DynamoDB[\s\S]*forget me[\s\S]*No advertising[\s\S]*not medical advice/],
    ['/audio/legal/terms.html', /<h1>Spine Nidra terms of use<\/h1>[\s\S]*not medical advice/],
  ])('%s is served as UTF-8 HTML, where the deployed one lives under the audio base', async (route, expected) => {
    const answer = await httpRequest(server, route);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body.toString('utf8')).toMatch(expected);
  });
});

describe('/audio serves the practice the way devices fetch it', () => {
  const fileOf = (segmentId: string) => folders.audio.files[segmentId];
  const bytesOf = (segmentId: string) => readFileSync(path.join(folders.audio.dir, fileOf(segmentId)));

  test('a whole file: audio/mpeg, ranges advertised, cached for good (names carry the content hash)', async () => {
    const answer = await httpRequest(server, `/audio/${fileOf('body-scan')}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('audio/mpeg');
    expect(answer.headers['accept-ranges']).toBe('bytes');
    expect(answer.headers['cache-control']).toContain('immutable');
    expect(answer.body.equals(bytesOf('body-scan'))).toBe(true);
  });

  test.each([
    ['bytes=100-199', 100, 200],
    ['bytes=1000-', 1000, undefined],
    ['bytes=-300', -300, undefined],
  ])('Range %s answers 206 with exactly those bytes', async (range, start, end) => {
    const whole = bytesOf('body-scan');
    const expected = start < 0 ? whole.subarray(whole.length + start) : whole.subarray(start, end);
    const answer = await httpRequest(server, `/audio/${fileOf('body-scan')}`, { headers: { Range: range } });
    expect(answer.status).toBe(206);
    const first = whole.length - expected.length === 0 ? 0 : start < 0 ? whole.length + start : start;
    expect(answer.headers['content-range']).toBe(`bytes ${first}-${first + expected.length - 1}/${whole.length}`);
    expect(answer.body.equals(expected)).toBe(true);
  });

  test('a range past the end is 416', async () => {
    const size = bytesOf('body-scan').length;
    const answer = await httpRequest(server, `/audio/${fileOf('body-scan')}`, { headers: { Range: `bytes=${size + 10}-` } });
    expect(answer.status).toBe(416);
  });

  test('personal sankalpa clips are served from clips/, with ranges', async () => {
    const answer = await httpRequest(server, '/audio/clips/sankalpa-personal.0123456789abcdef.mp3', { headers: { Range: 'bytes=0-9' } });
    expect(answer.status).toBe(206);
    expect(answer.headers['content-type']).toBe('audio/mpeg');
    expect(answer.body).toHaveLength(10);
  });

  test('nothing but audio: not the manifest, not files outside the folder', async () => {
    writeFileSync(path.join(folders.root, 'secret.mp3'), 'not for you');
    expect((await httpRequest(server, '/audio/manifest.json')).status).toBe(404);
    expect((await httpRequest(server, '/audio/%2e%2e/secret.mp3')).status).toBe(404);
    expect((await httpRequest(server, '/audio/../secret.mp3')).status).toBe(404);
    expect((await httpRequest(server, '/audio/nothing-here.mp3')).status).toBe(404);
  });
});

describe('the simulator reaches the skill in-process, from this computer only', () => {
  test("it answers with the skill's response, the device rule check and the stored item", async () => {
    const userId = 'amzn1.ask.account.SIM-ROUTE';
    const started = await postJson(server, '/simulator/alexa', audioEvent('PlaybackStarted', token('arrival'), 0, { userId }));
    expect(started.status).toBe(200);
    expect(started.json.violations).toEqual([]);
    expect(started.json.listener.progress).toMatchObject({ segmentId: 'arrival', state: 'playing' });
    const skip = await postJson(
      server,
      '/simulator/alexa',
      intent('SkipToSectionIntent', { userId, slots: { section: { name: 'section', value: 'body scan' } } }),
    );
    const play = skip.json.response.response.directives[0];
    expect(play.playBehavior).toBe('REPLACE_ALL');
    expect(play.audioItem.stream.url).toBe(`https://spine-nidra.localhost/audio/${folders.audio.files['body-scan']}`);
  });

  test('a request the skill refuses comes back as a failure (the page flags it), not a crash', async () => {
    const strict = await startTestServer(createTestFolders(), { SKILL_ID: 'amzn1.ask.skill.the-real-one' });
    try {
      const answer = await postJson(strict, '/simulator/alexa', intent('AMAZON.HelpIntent', { skillId: 'amzn1.ask.skill.someone-else' }));
      expect(answer.status).toBe(502);
      expect(answer.json.error).toMatch(/another skill/i);
      expect((await postJson(strict, '/simulator/alexa', { not: 'an envelope' })).status).toBe(400);
      const state = JSON.parse((await httpRequest(strict, '/simulator/state')).text);
      expect(state.skillId).toBe('amzn1.ask.skill.the-real-one');
    } finally {
      await strict.close();
    }
  });

  test.each([
    ['a forwarding header (an HTTPS tunnel)', { 'X-Forwarded-For': '203.0.113.9' }],
    ['another host name (a tunnel keeping Host)', { Host: 'spine-nidra.ngrok.app' }],
    ['a page from another origin', { Origin: 'https://evil.example' }],
  ])('a request with %s is refused', async (_case, headers) => {
    const state = await httpRequest(server, '/simulator/state', { headers });
    expect(state.status).toBe(403);
    const alexa = await postJson(server, '/simulator/alexa', intent('AMAZON.HelpIntent'), headers);
    expect(alexa.status).toBe(403);
    expect((await httpRequest(server, '/', { headers })).status).toBe(403);
  });

  test("the page reads tokens with the skill's own codec, a recognised voice's 8-field tokens too", async () => {
    const answer = await httpRequest(server, '/simulator/page/token.js');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('javascript');
    const personToken = encodeToken(testCatalog(), {
      variant: 'gentle',
      segmentId: 'body-scan',
      nonce: 'abcd1234',
      attempt: 0,
      clip: '',
      person: '0123456789abcdef',
    });
    // The browser module, loaded as a browser would: an ES module in a separate process.
    const script = `const { parseToken } = await import('data:text/javascript;base64,${answer.body.toString('base64')}');
      process.stdout.write(JSON.stringify([parseToken(${JSON.stringify(personToken)}), parseToken(${JSON.stringify(token('rest'))}), parseToken('other|skill') ?? null]));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    const [person, plain, foreign] = JSON.parse(stdout);
    expect(person).toMatchObject({ variant: 'gentle', segmentId: 'body-scan', person: '0123456789abcdef' });
    expect(plain).toMatchObject({ variant: 'standard', segmentId: 'rest' });
    expect(foreign).toBeNull();
  });

  test('only loopback addresses count as this computer', () => {
    const local = { host: 'localhost:3000' };
    expect(whyNotLocal({ remoteAddress: '127.0.0.1', headers: local })).toBeUndefined();
    expect(whyNotLocal({ remoteAddress: '::1', headers: { host: '[::1]:3000' } })).toBeUndefined();
    expect(whyNotLocal({ remoteAddress: '::ffff:127.0.0.1', headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' } })).toBeUndefined();
    expect(whyNotLocal({ remoteAddress: '192.168.1.20', headers: local })).toMatch(/from 192.168.1.20/);
    expect(whyNotLocal({ remoteAddress: '::ffff:10.0.0.7', headers: local })).toMatch(/from/);
    expect(whyNotLocal({ remoteAddress: undefined, headers: local })).toMatch(/unknown address/);
  });

  test('the public routes stay public: /alexa still answers (with its own verification)', async () => {
    const answer = await httpRequest(server, '/alexa', { method: 'POST', headers: { 'X-Forwarded-For': '203.0.113.9' }, body: '{}' });
    expect(answer.status).toBe(400);
  });
});

describe('a restart keeps what the skill saved', () => {
  test('a second server on the same data folder is refused with a clear message, not a crash', async () => {
    await expect(startTestServer(folders)).rejects.toThrow(/data folder .* is in use by another npm start/);
  });

  test('a pause in the body scan is still there after a restart, and resume plays the body scan', async () => {
    const ownFolders = createTestFolders();
    const userId = 'amzn1.ask.account.RESTART';
    const first = await startTestServer(ownFolders);
    const second = Date.now();
    await postJson(
      first,
      '/simulator/alexa',
      audioEvent('PlaybackStarted', token('body-scan'), 0, { userId, timestamp: new Date(second - 3000).toISOString() }),
    );
    const stopped = await postJson(
      first,
      '/simulator/alexa',
      audioEvent('PlaybackStopped', token('body-scan'), 2500, { userId, timestamp: new Date(second).toISOString() }),
    );
    expect(stopped.json.listener.progress).toMatchObject({ segmentId: 'body-scan', state: 'paused', offsetMs: 2500 });
    await first.close();

    const again = await startTestServer(ownFolders);
    try {
      const state = JSON.parse((await httpRequest(again, `/simulator/state?userId=${userId}`)).text);
      expect(state.listener.progress).toMatchObject({ segmentId: 'body-scan', state: 'paused', offsetMs: 2500 });
      const resume = await postJson(again, '/simulator/alexa', intent('AMAZON.ResumeIntent', { userId }));
      const play = resume.json.response.response.directives[0];
      expect(tokenFields(play.audioItem.stream.token).segmentId).toBe('body-scan');
      expect(resume.json.violations).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
