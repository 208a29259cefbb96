/**
 * `npm run audio:check`: a folder of real MP3s with a manifest that describes them truthfully, so
 * the only thing wrong with the loud and the silent file is their loudness. The checker must name
 * the file and the figure; the command must exit non-zero for them and zero for a good folder.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sha256File } from '../../tools/audio/ffmpeg';
import { checkAudioDir } from '../../tools/audio/check';
import type { AudioManifest, ManifestSegment } from '../../tools/audio/manifest-types';
import { encodeMp3Float, masterToMp3, voiceGainDb, type MasterInput } from '../../tools/audio/master';
import { measureDelivered } from '../../tools/audio/measure';
import { ALEXA_LOUDNESS, DEFAULT_RENDER_SETTINGS } from '../../tools/audio/render-key';

const run = promisify(execFile);
const encoder = DEFAULT_RENDER_SETTINGS.encoder;
const RATE = encoder.sampleRate;

/** Four seconds of syllable-like tone bursts (a stand-in for speech) at `amplitude`. */
function bursts(amplitude: number): Float32Array {
  const samples = new Float32Array(RATE * 4);
  for (let i = 0; i < samples.length; i++) {
    const t = i / RATE;
    const envelope = Math.max(0, Math.sin(2 * Math.PI * 2.5 * t));
    samples[i] = amplitude * envelope * Math.sin(2 * Math.PI * 330 * t);
  }
  return samples;
}

/** Quiet tone bursts with the gain that brings them to the loudness target, as the renderer levels a voice. */
function toneVoice(): MasterInput {
  const voice = bursts(0.1);
  return { voice, voiceGainDb: voiceGainDb(voice, RATE, ALEXA_LOUDNESS, 'tone bursts') };
}

/** A manifest entry that tells the truth about `file`, measured the way the renderer measures. */
async function entryFor(dir: string, file: string, segmentId: string): Promise<ManifestSegment> {
  const full = path.join(dir, file);
  const figures = await measureDelivered(full);
  return {
    segmentId,
    sectionId: segmentId,
    file,
    ambience: 'none',
    variants: ['standard'],
    durationMs: figures.durationMs,
    integratedLufs: figures.integratedLufs,
    truePeakDbtp: Number.isFinite(figures.truePeakDbtp) ? figures.truePeakDbtp : -99,
    loudnessRangeLu: figures.loudnessRangeLu,
    bitrateKbps: figures.bitrateKbps ?? 0,
    sampleRate: figures.sampleRate,
    channels: figures.channels,
    sha256: await sha256File(full),
    bytes: (await stat(full)).size,
  };
}

async function writeManifest(dir: string, entries: ManifestSegment[], files = entries.map((entry) => entry.file)): Promise<void> {
  const manifest: AudioManifest = {
    practiceId: 'check-test',
    version: 2,
    generatedAt: new Date().toISOString(),
    engine: 'test',
    loudness: ALEXA_LOUDNESS,
    encoder,
    defaultVariant: 'standard',
    segments: entries,
    variants: { standard: entries.map((entry) => entry.segmentId) },
    variantFiles: { standard: files },
    variantInfo: { standard: { content: 'standard', ambience: 'none', durationMs: 0 } },
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

async function runCheck(dir: string): Promise<{ code: number; output: string }> {
  const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  try {
    const { stdout, stderr } = await run(tsx, [path.join(__dirname, '..', '..', 'tools', 'audio', 'check.ts'), '--dir', dir]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('audio:check', () => {
  let goodDir: string;
  let badDir: string;

  beforeAll(async () => {
    [goodDir, badDir] = await Promise.all([
      mkdtemp(path.join(os.tmpdir(), 'audio-check-good-')),
      mkdtemp(path.join(os.tmpdir(), 'audio-check-bad-')),
    ]);
    await masterToMp3(toneVoice(), ALEXA_LOUDNESS, encoder, path.join(goodDir, 'good.0123456789.mp3'));
    await writeManifest(goodDir, [await entryFor(goodDir, 'good.0123456789.mp3', 'good')]);

    await masterToMp3(toneVoice(), ALEXA_LOUDNESS, encoder, path.join(badDir, 'good.0123456789.mp3'));
    await encodeMp3Float(bursts(0.9), encoder, path.join(badDir, 'loud.0123456789.mp3'));
    await encodeMp3Float(new Float32Array(RATE * 3), encoder, path.join(badDir, 'silent.0123456789.mp3'));
    await writeManifest(badDir, [
      await entryFor(badDir, 'good.0123456789.mp3', 'good'),
      await entryFor(badDir, 'loud.0123456789.mp3', 'loud'),
      await entryFor(badDir, 'silent.0123456789.mp3', 'silent'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([goodDir, badDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('passes a folder whose files meet every target', async () => {
    const report = await checkAudioDir(goodDir);
    expect(report.problems).toEqual([]);
    expect(report.files).toHaveLength(1);
    expect(Math.abs((report.files[0].figures?.integratedLufs ?? 0) + 14)).toBeLessThanOrEqual(0.5);
  });

  it('names the loud file and its loudness and true peak, and the silent file as silent', async () => {
    const report = await checkAudioDir(badDir);
    const byFile = (file: string) => report.problems.filter((problem) => problem.file === file).map((problem) => problem.figure);
    expect(byFile('good.0123456789.mp3')).toEqual([]);
    expect(byFile('loud.0123456789.mp3')).toEqual(['integrated loudness', 'true peak']);
    expect(byFile('silent.0123456789.mp3')).toEqual(['integrated loudness', 'true peak']);
    const messages = report.problems.map((problem) => problem.message).join('\n');
    expect(messages).toMatch(/integrated loudness -\d+\.\d LUFS is outside -14 \+-1 LUFS/);
    expect(messages).toMatch(/true peak -?\d+\.\d dBTP is above -2 dBTP/);
    expect(messages).toMatch(/integrated loudness -70\.0 LUFS \(silent\)/);
  });

  it('catches a file changed after rendering, a missing file and a variant playing the wrong file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'audio-check-drift-'));
    try {
      await masterToMp3(toneVoice(), ALEXA_LOUDNESS, encoder, path.join(dir, 'a.0123456789.mp3'));
      await masterToMp3(toneVoice(), ALEXA_LOUDNESS, { ...encoder, bitrateKbps: 96 }, path.join(dir, 'b.0123456789.mp3'));
      const a = await entryFor(dir, 'a.0123456789.mp3', 'a');
      const b = await entryFor(dir, 'b.0123456789.mp3', 'b');
      const entries = [
        { ...a, durationMs: a.durationMs + 500, sha256: '0'.repeat(64) },
        { ...b, bitrateKbps: 64 },
        { ...a, segmentId: 'c', file: 'gone.0123456789.mp3' },
      ];
      // The standard variant claims to play a's file as segment b.
      await writeManifest(dir, entries, [a.file, a.file, 'gone.0123456789.mp3']);
      const report = await checkAudioDir(dir);
      expect(report.problems.map((problem) => [problem.file, problem.figure])).toEqual([
        ['manifest.json', 'variants'],
        ['a.0123456789.mp3', 'duration'],
        ['a.0123456789.mp3', 'sha256'],
        ['b.0123456789.mp3', 'bit rate'],
        ['gone.0123456789.mp3', 'file'],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits non-zero naming the file and figure, and zero for a good folder', async () => {
    const [bad, good] = await Promise.all([runCheck(badDir), runCheck(goodDir)]);
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/loud\.0123456789\.mp3: integrated loudness/);
    expect(bad.output).toMatch(/silent\.0123456789\.mp3: integrated loudness -70\.0 LUFS \(silent\)/);
    expect(bad.output).toMatch(/FAILED \(4 problems\)/);
    expect(good.code).toBe(0);
    expect(good.output).toMatch(/audio:check: OK/);
  });
});
