/**
 * The figures a delivered file is judged by, measured by ffmpeg on the encoded file itself (MP3
 * encoding moves true peaks up, so measuring before encoding proves nothing): one decode gives the
 * stream format, the exact sample count, and EBU R128 integrated loudness, loudness range and true
 * peak (ebur128 with peak=true oversamples 4x).
 */
import { parseAudioStreamInfo, runFfmpeg, type AudioStreamInfo } from './ffmpeg';

export interface DeliveredFigures extends AudioStreamInfo {
  samples: number;
  durationMs: number;
  /** EBU R128 integrated loudness, LUFS; -70 for silence (nothing above the absolute gate). */
  integratedLufs: number;
  /** Highest true peak, dBTP; -Infinity for digital silence. */
  truePeakDbtp: number;
  /** EBU R128 loudness range, LU. */
  loudnessRangeLu: number;
}

/** Parses ebur128's summary (ffmpeg 4.x prints it at the end of stderr). */
export function parseEbur128Summary(stderr: string): Pick<DeliveredFigures, 'integratedLufs' | 'truePeakDbtp' | 'loudnessRangeLu'> {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const integrated = /I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1];
  const range = /LRA:\s+(-?[\d.]+) LU/.exec(summary)?.[1];
  const peak = /True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1];
  if (integrated === undefined || range === undefined || peak === undefined) {
    throw new Error(`no ebur128 summary in ffmpeg output:\n${stderr.trim().split('\n').slice(-8).join('\n')}`);
  }
  return {
    integratedLufs: Number(integrated),
    loudnessRangeLu: Number(range),
    truePeakDbtp: peak === '-inf' ? -Infinity : Number(peak),
  };
}

/** Decodes `file` once: format, exact duration (samples counted at the file's own rate) and loudness. */
export async function measureDelivered(file: string): Promise<DeliveredFigures> {
  let bytes = 0;
  const stderr = await runFfmpeg(
    [
      '-i',
      file,
      // ebur128 works at 48 kHz and would resample what it passes on: count samples on a split-off copy.
      '-filter_complex',
      '[0:a:0]asplit=2[count][loud];[loud]ebur128=peak=true:framelog=verbose,anullsink',
      '-map',
      '[count]',
      '-f',
      's16le',
      '-acodec',
      'pcm_s16le',
      'pipe:1',
    ],
    { onStdout: (chunk) => (bytes += chunk.length) },
  );
  const info = parseAudioStreamInfo(stderr);
  const samples = Math.floor(bytes / 2 / info.channels);
  return {
    ...info,
    samples,
    durationMs: Math.round((samples / info.sampleRate) * 1000),
    ...parseEbur128Summary(stderr),
  };
}
