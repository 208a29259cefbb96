/**
 * A small stand-in for the rendered practice, so local-server and e2e tests start in a second
 * instead of rendering thirty minutes of speech: one short real MP3 (a quiet tone) per segment,
 * plus a personal clip, and a manifest saying how long each lasts.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spineNidra } from '../../models/spine-nidra';

export interface TestAudio {
  dir: string;
  /** Segment id -> file name in dir. */
  files: Record<string, string>;
  segmentMs: number;
}

export function createTestAudio(dir: string, segmentSec = 30): TestAudio {
  mkdirSync(path.join(dir, 'clips'), { recursive: true });
  const ffmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  const tone = path.join(dir, 'tone.source.mp3');
  execFileSync(ffmpeg, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=220:sample_rate=44100:duration=${segmentSec}`,
    '-af',
    'volume=0.05',
    '-ac',
    '1',
    '-c:a',
    'libmp3lame',
    '-b:a',
    '64k',
    tone,
  ]);
  const segments = spineNidra.sections.flatMap((section) => section.segments);
  const files: Record<string, string> = {};
  for (const segment of segments) {
    files[segment.id] = `${segment.id}.0123456789.mp3`;
    copyFileSync(tone, path.join(dir, files[segment.id]));
  }
  copyFileSync(tone, path.join(dir, 'clips', 'sankalpa-personal.0123456789abcdef.mp3'));
  const segmentMs = segmentSec * 1000;
  // The sleep sounds after the practice: the same tone under their real names.
  const sleepSounds = (['rise', 'loop', 'fade'] as const).map((role) => ({
    role,
    file: `${role === 'loop' ? 'sleep-sounds' : `sleep-sounds-${role}`}.0123456789.mp3`,
    durationMs: segmentMs,
  }));
  for (const sound of sleepSounds) copyFileSync(tone, path.join(dir, sound.file));
  const manifest = {
    practiceId: spineNidra.id,
    segments: segments.map((segment) => ({ segmentId: segment.id, sectionId: segment.sectionId, file: files[segment.id], durationMs: segmentMs })),
    variants: { standard: segments.map((segment) => segment.id) },
    sleepSounds,
  };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, files, segmentMs };
}
