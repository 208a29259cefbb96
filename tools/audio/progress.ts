/**
 * Console output of `npm run audio`: a progress bar naming the segment being rendered (plain lines
 * when stderr is not a terminal), and the summary table at the end.
 */
import { SingleBar } from 'cli-progress';
import type { RenderReporter, RenderResult, SegmentOutcome } from './render-result';

/** m:ss */
export function formatDuration(ms: number): string {
  const totalSec = Math.round(ms / 1000);
  return `${Math.floor(totalSec / 60)}:${String(totalSec % 60).padStart(2, '0')}`;
}

export function createConsoleReporter(stream: NodeJS.WriteStream = process.stderr): RenderReporter {
  return stream.isTTY ? new BarReporter(stream) : new LineReporter(stream);
}

class BarReporter implements RenderReporter {
  private readonly bar: SingleBar;
  private readonly running = new Set<string>();
  private done = 0;

  constructor(stream: NodeJS.WriteStream) {
    this.bar = new SingleBar({
      stream,
      format: 'audio {bar} {value}/{total} segments | {duration_formatted} | {segment}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
    });
  }

  start(total: number, toRender: number): void {
    this.bar.start(total, 0, { segment: toRender ? `${toRender} to render` : 'all cached' });
  }

  segmentStarted(segmentId: string): void {
    this.running.add(segmentId);
    this.bar.update(this.done, { segment: [...this.running].join(', ') });
  }

  segmentFinished(segmentId: string): void {
    this.running.delete(segmentId);
    this.done++;
    this.bar.update(this.done, { segment: [...this.running].join(', ') || 'done' });
  }

  stop(): void {
    this.bar.stop();
  }
}

class LineReporter implements RenderReporter {
  private total = 0;
  private done = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  start(total: number, toRender: number): void {
    this.total = total;
    this.stream.write(`audio: ${total} segments, ${toRender} to render\n`);
  }

  segmentStarted(): void {
    // One line per finished segment is enough without a terminal.
  }

  segmentFinished(segmentId: string, outcome: SegmentOutcome, durationMs: number): void {
    this.done++;
    this.stream.write(`[${this.done}/${this.total}] ${outcome.padEnd(8)} ${segmentId} (${formatDuration(durationMs)})\n`);
  }

  stop(): void {
    // Nothing to tear down.
  }
}

const pad = (text: string, width: number): string => text.padEnd(width);
const num = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : String(value));

/**
 * The end-of-run summary: a row per segment (its files' loudness and true peak), a row per variant
 * (segments, measured minutes), then the totals: files, loudness range, render time, speed.
 */
export function formatSummary(result: RenderResult): string {
  const { stats } = result;
  const bySegment = new Map<string, RenderResult['files']>();
  for (const entry of result.files) bySegment.set(entry.segmentId, [...(bySegment.get(entry.segmentId) ?? []), entry]);
  const idWidth = Math.max(7, ...[...bySegment.keys(), ...result.missing, ...stats.variants.map((v) => v.id)].map((id) => id.length));
  const lines = [`${pad('segment', idWidth)}  duration  status    per file: ambience LUFS dBTP`];
  for (const [segmentId, entries] of bySegment) {
    const status = entries.some((entry) => entry.outcome === 'rendered') ? 'rendered' : 'cached';
    const figures = entries.map((entry) => `${entry.ambience} ${num(entry.integratedLufs)} ${num(entry.truePeakDbtp)}`).join(' | ');
    lines.push(`${pad(segmentId, idWidth)}  ${formatDuration(entries[entries.length - 1].durationMs).padStart(8)}  ${pad(status, 8)}  ${figures}`);
  }
  for (const id of result.missing) lines.push(`${pad(id, idWidth)}  ${'-'.padStart(8)}  missing`);
  for (const sound of result.sleepSounds) {
    const perHour = ((sound.bytes / sound.durationMs) * 3_600_000) / 1e6;
    lines.push(
      `${pad(sound.file.split('.')[0], idWidth)}  ${formatDuration(sound.durationMs).padStart(8)}  ${pad(sound.outcome, 8)}  ` +
        `${sound.role} ${num(sound.integratedLufs)} ${num(sound.truePeakDbtp)}, ${sound.bitrateKbps} kb/s, ${perHour.toFixed(1)} MB an hour`,
    );
  }
  lines.push('', `${pad('variant', idWidth)}  segments  minutes`);
  for (const variant of stats.variants) {
    lines.push(`${pad(variant.id, idWidth)}  ${String(variant.segments).padStart(8)}  ${(variant.durationMs / 60000).toFixed(2).padStart(7)}`);
  }
  lines.push('');
  const totals: Array<[string, string]> = [
    [
      'segments',
      `${stats.segments} in ${stats.files} files (${stats.rendered} rendered, ${stats.cached} cached${result.missing.length ? `, ${result.missing.length} segments missing` : ''})`,
    ],
    ['default', `${(stats.totalDurationMs / 60000).toFixed(2)} min (${formatDuration(stats.totalDurationMs)}, measured)`],
  ];
  if (stats.loudness) {
    const { minLufs, maxLufs, maxTruePeakDbtp } = stats.loudness;
    totals.push([
      'loudness',
      `${num(minLufs)} to ${num(maxLufs)} LUFS integrated, true peak at most ${num(maxTruePeakDbtp)} dBTP (every file, measured on the MP3)`,
    ]);
  }
  totals.push(
    ['render time', `${(stats.renderMs / 1000).toFixed(1)} s`],
    [
      'speed',
      stats.realtimeFactor
        ? `${stats.realtimeFactor.toFixed(1)}x realtime (${(stats.renderedDurationMs / 60000).toFixed(1)} min of files rendered / wall time)`
        : 'n/a (nothing rendered)',
    ],
  );
  if (stats.wordsPerMinute) {
    totals.push(['speech rate', `${stats.wordsPerMinute.toFixed(1)} words/min (${stats.words} words in ${stats.speechSec.toFixed(1)} s of speech)`]);
  }
  if (stats.removedFiles.length) totals.push(['removed', stats.removedFiles.join(', ')]);
  totals.push(['manifest', result.manifest ? result.manifestPath : 'not written (segments missing; run without --only)']);
  for (const [label, value] of totals) lines.push(`${label.padEnd(12)} ${value}`);
  return lines.join('\n');
}
