/**
 * `npm run audio`: renders the Spine Nidra practice (every variant, with and without the forest
 * bed) to loudness-true MP3 segments plus manifest.json; or, with --recording and --cues, imports
 * a teacher's own recording into the same files and manifest. See USAGE.
 */
import path from 'node:path';
import { spineNidra } from '../../models/spine-nidra';
import { AMBIENCE_MIXES, type AmbienceMix } from '../../models/variants';
import { sha256File } from './ffmpeg';
import { pollyVoice } from './polly';
import { createConsoleReporter, formatSummary } from './progress';
import { importRecording } from './recording';
import { renderPractice } from './render-practice';
import { writeSpineImages } from '../images/spine-images';
import { DEFAULT_RENDER_SETTINGS, MAX_BITRATE_KBPS, MIN_BITRATE_KBPS, type RenderSettings } from './render-key';

const USAGE = `usage: npm run audio -- [options]
  --out <dir>             output directory (default: $AUDIO_DIR, else <repo>/audio)
  --engine flite|polly    speech engine: flite (offline, default) or Amazon Polly
                          (neural voice $POLLY_VOICE, default Ruth; AWS credentials and $AWS_REGION from the environment)
  --bitrate <kb/s>        MP3 bit rate, ${MIN_BITRATE_KBPS}-${MAX_BITRATE_KBPS} (default ${DEFAULT_RENDER_SETTINGS.encoder.bitrateKbps})
  --ambience <bed>        forest (generated, default), none (plain files only), or a CC0 audio file to loop
  --only <ids>            render only these segments (comma-separated); others are reused if present
  --recording <file>      import a teacher's recording (WAV/MP3/M4A) instead of synthesizing...
  --cues <file>           ...split at the cue sheet's times (lines "<segment-id> <start>", see README)`;

interface CliOptions {
  outDir: string;
  engine: 'flite' | 'polly';
  bitrateKbps?: number;
  ambience: string;
  only?: string[];
  recording?: string;
  cues?: string;
}

function parseArgs(argv: readonly string[]): CliOptions | 'help' {
  const options: CliOptions = { outDir: process.env.AUDIO_DIR || path.resolve(__dirname, '../../audio'), engine: 'flite', ambience: 'forest' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const found = inline ?? argv[++i];
      if (found === undefined || found === '') throw new Error(`${flag} needs a value\n${USAGE}`);
      return found;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--out') options.outDir = value();
    else if (flag === '--only')
      options.only = value()
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
    else if (flag === '--ambience') options.ambience = value();
    else if (flag === '--recording') options.recording = value();
    else if (flag === '--cues') options.cues = value();
    else if (flag === '--engine') {
      const engine = value();
      if (engine !== 'flite' && engine !== 'polly') throw new Error(`--engine must be flite or polly, not "${engine}"`);
      options.engine = engine;
    } else if (flag === '--bitrate') {
      const kbps = Number(value());
      if (!Number.isInteger(kbps) || kbps < MIN_BITRATE_KBPS || kbps > MAX_BITRATE_KBPS) {
        throw new Error(`--bitrate must be a whole number of kb/s from ${MIN_BITRATE_KBPS} to ${MAX_BITRATE_KBPS}`);
      }
      options.bitrateKbps = kbps;
    } else throw new Error(`unknown argument: ${argv[i]}\n${USAGE}`);
  }
  if (!!options.recording !== !!options.cues) throw new Error(`--recording and --cues go together\n${USAGE}`);
  if (options.recording && options.only) throw new Error('--only applies to synthesized audio, not to --recording');
  return { ...options, outDir: path.resolve(options.outDir) };
}

/** Settings and ambience mixes from the command line. */
async function settingsFrom(options: CliOptions): Promise<{ settings: RenderSettings; mixes: readonly AmbienceMix[] }> {
  const base = DEFAULT_RENDER_SETTINGS;
  let settings: RenderSettings = {
    ...base,
    voice: options.engine === 'polly' ? pollyVoice() : base.voice,
    encoder: { ...base.encoder, bitrateKbps: options.bitrateKbps ?? base.encoder.bitrateKbps },
  };
  let mixes = AMBIENCE_MIXES;
  if (options.ambience === 'none') {
    // No bed at all: the plain files are the standard variants.
    mixes = [{ ambience: 'none', suffix: '' }];
  } else if (options.ambience !== 'forest') {
    const file = path.resolve(options.ambience);
    const sha256 = await sha256File(file).catch((error: Error) => {
      throw new Error(`--ambience: cannot read ${file}: ${error.message}`);
    });
    settings = { ...settings, ambience: { ...settings.ambience, source: 'file', file: { path: file, sha256 } } };
  }
  return { settings, mixes };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const { settings, mixes } = await settingsFrom(options);
  const reporter = createConsoleReporter();
  if (options.recording && options.cues) {
    console.error(`audio: importing ${options.recording} (cues: ${options.cues}) into ${options.outDir}`);
    const result = await importRecording(spineNidra, {
      recording: options.recording,
      cueSheet: options.cues,
      outDir: options.outDir,
      settings,
      mixes,
      reporter,
    });
    console.log(formatSummary(result));
    if (result.skippedVariants.length) console.log(`not delivered (segments not in the cue sheet): ${result.skippedVariants.join(', ')}`);
    if (result.manifest) await addImages(options.outDir);
    return;
  }
  console.error(`audio: rendering "${spineNidra.id}" with ${settings.voice.engine} into ${options.outDir}`);
  const result = await renderPractice(spineNidra, { outDir: options.outDir, only: options.only, settings, mixes, reporter });
  console.log(formatSummary(result));
  if (result.manifest) await addImages(options.outDir);
}

/** The screen pictures go with every complete manifest; a partial run (--only) leaves both alone. */
async function addImages(outDir: string): Promise<void> {
  const { written, removed, images } = await writeSpineImages(outDir);
  const count = Object.keys(images).length * 2;
  console.log(`images: ${count} pictures in ${outDir}/images (${written.length} written, ${removed.length} removed)`);
}

main().catch((error: unknown) => {
  console.error(`audio: failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
