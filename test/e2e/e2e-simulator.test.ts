/**
 * The newcomer's path, in a real browser: `npm start` (the real entry, as a child process),
 * "start spine nidra", hear it play, skip to the body scan, pause, restart the server, resume
 * into the body scan. Headless Chromium from npm (@sparticuz/chromium; see testkit/chromium.ts),
 * driven by playwright-core; the audio is a short test set so the run stays well under a minute.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../testkit/chromium';
import { createTestFolders, type TestFolders } from '../support/local-server';

const REPO = path.join(__dirname, '..', '..');
const SCREENSHOT = path.join(REPO, 'docs', 'simulator.png');

interface RunningServer {
  url: string;
  child: ChildProcessWithoutNullStreams;
  output: () => string;
}

/** `npm start`'s entry with this test's folders; resolves on the one "ready" line. */
function startServer(folders: TestFolders): Promise<RunningServer> {
  const child = spawn(process.execPath, [path.join(REPO, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'local/start.ts'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', DATA_DIR: folders.dataDir, AUDIO_DIR: folders.audio.dir, SKILL_ID: '', AUDIO_BASE_URL: '' },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready in 20 s:\n${output}`)), 20_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /is ready: open (http:\/\/\S+\/)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ url: ready[1], child, output: () => output });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${output}`)));
  });
}

/** Ctrl-C, as a developer stops it; resolves with the exit code. */
function interrupt(server: RunningServer): Promise<number | null> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve(server.child.exitCode);
    server.child.once('exit', (code) => resolve(code));
    server.child.kill('SIGINT');
  });
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill('#utterance', text);
  await page.press('#utterance', 'Enter');
}

/** The <audio> element really plays this segment: not paused, and its clock moves. */
async function expectPlaying(page: Page, segmentId: string, atLeastSec = 0.5): Promise<void> {
  await page.waitForFunction(
    ({ segmentId, atLeastSec }) => {
      const audio = document.querySelector('audio') as HTMLAudioElement;
      const card = document.getElementById('now-playing') as HTMLElement;
      return card.dataset.segment === segmentId && card.dataset.activity === 'PLAYING' && !audio.paused && audio.currentTime >= atLeastSec;
    },
    { segmentId, atLeastSec },
    { timeout: 15_000 },
  );
  const before = await page.evaluate(() => (document.querySelector('audio') as HTMLAudioElement).currentTime);
  await page.waitForTimeout(600);
  const after = await page.evaluate(() => (document.querySelector('audio') as HTMLAudioElement).currentTime);
  expect(after - before).toBeGreaterThan(0.3);
}

const storedProgress = (page: Page) =>
  page.evaluate(() => {
    const text = document.getElementById('stored')?.textContent ?? '';
    return text.startsWith('{') ? JSON.parse(text).progress : undefined;
  });

const flags = (page: Page) => page.$$eval('#flags li:not(.none)', (items) => items.map((item) => item.textContent ?? ''));

let folders: TestFolders;
let browser: Browser | undefined;
const servers: RunningServer[] = [];

beforeAll(async () => {
  folders = createTestFolders(30);
  browser = await chromium.launch({ executablePath: findChromium().executablePath, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  for (const server of servers) if (server.child.exitCode === null) server.child.kill('SIGKILL');
});

test('start, open and skip to the body scan, pause, restart the server, resume into the body scan, set a sankalpa, sleep sounds, accept the routine offer and fire the routine', async () => {
  const first = await startServer(folders);
  servers.push(first);
  const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(first.url);
  await page.waitForSelector('body[data-ready="true"]');

  await say(page, 'start spine nidra');
  await expectPlaying(page, 'arrival');
  expect(await page.textContent('#understood')).toContain('LaunchRequest');
  expect(await page.textContent('#speech')).toContain('Welcome to Spine Nidra');

  // The end of a segment, without waiting for it: NearlyFinished -> ENQUEUE -> Finished -> the next plays.
  await page.click('#jump-near-end');
  await expectPlaying(page, 'tension-release');

  // Open first (as Alexa+ needs), while the practice plays: one short line, then the request in the same session.
  await say(page, 'open spine nidra');
  await page.waitForFunction(() => document.getElementById('speech')?.textContent?.includes('skip to the body scan'));
  await say(page, 'skip to the body scan');
  // Over a second in, so the pause below lands in a later (Alexa, one-second) timestamp.
  await expectPlaying(page, 'body-scan', 1.2);
  expect(await page.textContent('#understood')).toContain('section = “body scan” → body-scan');
  await page.screenshot({ path: screenshotPath() });

  await say(page, 'pause');
  await page.waitForFunction(() => (document.querySelector('audio') as HTMLAudioElement).paused);
  await page.waitForFunction(() => document.getElementById('stored')?.textContent?.includes('"paused"'));
  expect(await storedProgress(page)).toMatchObject({ segmentId: 'body-scan', state: 'paused' });
  expect(await flags(page)).toEqual([]);

  expect(await interrupt(first)).toBe(0);
  expect(first.output()).toContain('SIGINT: finishing running requests and closing the database');

  const second = await startServer(folders);
  servers.push(second);
  await page.goto(second.url); // a fresh page: the device remembers nothing, the database does
  await page.waitForSelector('body[data-ready="true"]');
  expect(await storedProgress(page)).toMatchObject({ segmentId: 'body-scan', state: 'paused' });

  await say(page, 'resume');
  await expectPlaying(page, 'body-scan');
  expect(await flags(page)).toEqual([]);

  // A sankalpa set hands-free mid-practice: confirmed, saved, and the practice carries on.
  await say(page, 'open spine nidra');
  await page.waitForFunction(() => document.getElementById('speech')?.textContent?.includes('What would you like?'));
  await say(page, 'my sankalpa is I am at ease in my body');
  await page.waitForFunction(() => document.getElementById('speech')?.textContent?.includes('Shall I keep it?'));
  await say(page, 'yes');
  await page.waitForFunction(() => document.getElementById('stored')?.textContent?.includes('I am at ease in my body'), undefined, {
    timeout: 15_000,
  });
  await expectPlaying(page, 'body-scan');
  expect(await flags(page)).toEqual([]);

  // What a real Echo refuses is flagged, not played: a wrong expectedPreviousToken and a plain-http stream.
  await page.evaluate(() => {
    const device = (window as unknown as { simulator: { device: { apply(directives: unknown[]): void } } }).simulator.device;
    device.apply([
      {
        type: 'AudioPlayer.Play',
        playBehavior: 'ENQUEUE',
        audioItem: {
          stream: {
            url: 'https://spine-nidra.localhost/audio/x.mp3',
            token: 'next',
            expectedPreviousToken: 'not-the-current-token',
            offsetInMilliseconds: 0,
          },
        },
      },
    ]);
    device.apply([
      {
        type: 'AudioPlayer.Play',
        playBehavior: 'REPLACE_ALL',
        audioItem: { stream: { url: 'http://example.com/a.mp3', token: 'plain', offsetInMilliseconds: 0 } },
      },
    ]);
  });
  await page.waitForFunction(() => Number(document.getElementById('flag-count')?.textContent) >= 2);
  const raised = (await flags(page)).join('\n');
  expect(raised).toContain('ENQUEUE ignored: expectedPreviousToken not-the-current-token');
  expect(raised).toContain('not https');

  // Sleep sounds after the practice: chosen by voice, then the last part hands over to the forest bed.
  const flagged = (await flags(page)).length;
  await say(page, 'play sleep sounds after the practice');
  await page.waitForFunction(() => document.getElementById('speech')?.textContent?.includes('forest sounds will carry on'));
  await say(page, 'skip to the ending');
  // The daytime or the bedtime ending, by the clock where the test runs.
  await page.waitForFunction(() => document.getElementById('now-playing')?.dataset.segment?.startsWith('return'));
  await expectPlaying(page, (await page.evaluate(() => document.getElementById('now-playing')?.dataset.segment)) as string);
  await page.click('#jump-near-end');
  await expectPlaying(page, 'sleep-sounds-rise');
  expect(await page.textContent('#now-title')).toBe('Sleep sounds');
  expect(await flags(page)).toHaveLength(flagged);

  // A whole practice is done, so the next launch offers a routine: Alexa asks, the listener accepts,
  // the practice begins; then the routine fires and the practice plays at once, with no question.
  await say(page, 'pause');
  await page.waitForFunction(() => (document.querySelector('audio') as HTMLAudioElement).paused);
  await say(page, 'start spine nidra');
  await page.waitForSelector('#routine-offer:not([hidden])');
  expect(await page.textContent('#speech')).toContain('Alexa can start it for you each day');
  expect(await page.textContent('#routine-offer-text')).toMatch(/every day at \d\d:\d\d/);
  await page.click('[data-offer-outcome="yes"]');
  await page.waitForFunction(() => document.getElementById('speech')?.textContent?.includes('will start by itself every day'));
  const firstPart = () => page.evaluate(() => document.getElementById('now-playing')?.dataset.segment ?? '');
  await page.waitForFunction(() => document.getElementById('now-playing')?.dataset.activity === 'PLAYING');
  await expectPlaying(page, await firstPart());
  expect(await page.textContent('#stored')).toContain('"via": "routine"');
  expect(await page.$$eval('#routines li', (items) => items.map((item) => item.textContent))).toEqual([
    expect.stringMatching(/^Every day at \d\d:\d\d \(.+\): Start Spine Nidra/),
  ]);
  await say(page, 'pause');
  await page.waitForFunction(() => (document.querySelector('audio') as HTMLAudioElement).paused);
  await page.click('.run-routine');
  await page.waitForFunction(() => document.getElementById('understood')?.textContent?.includes('StartPractice task'));
  await page.waitForFunction(() => document.getElementById('now-playing')?.dataset.activity === 'PLAYING');
  await expectPlaying(page, await firstPart());
  expect(await page.textContent('#speech')).not.toContain('?');
  expect(await flags(page)).toHaveLength(flagged);

  expect(await interrupt(second)).toBe(0);
});

/** The README's screenshot is refreshed on request (UPDATE_SCREENSHOT=1), so a test run leaves the tree clean. */
function screenshotPath(): string {
  const target = process.env.UPDATE_SCREENSHOT ? SCREENSHOT : path.join(os.tmpdir(), 'spine-nidra-simulator.png');
  mkdirSync(path.dirname(target), { recursive: true });
  return target;
}
