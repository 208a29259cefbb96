/**
 * Console output of `npm run audio`: a progress bar naming the segment being rendered (plain lines
 * when stderr is not a terminal), and the summary table at the end.
 */
import { SingleBar } from 'cli-progress';
import type { RenderPracticeResult, RenderReporter, SegmentOutcome } from './render-practice';

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

/** Per-segment table and the totals: segments, rendered vs cached, minutes, render time, speed. */
export function formatSummary(result: RenderPracticeResult): string {
  const { stats } = result;
  const idWidth = Math.max(7, ...result.segments.map((entry) => entry.segmentId.length), ...result.missing.map((id) => id.length));
  const lines = [`${'segment'.padEnd(idWidth)}  duration  ${'status'.padEnd(8)}  file`];
  for (const entry of result.segments) {
    lines.push(
      `${entry.segmentId.padEnd(idWidth)}  ${formatDuration(entry.durationMs).padStart(8)}  ${entry.outcome.padEnd(8)}  ${entry.file}`,
    );
  }
  for (const id of result.missing) lines.push(`${id.padEnd(idWidth)}  ${'-'.padStart(8)}  missing`);
  lines.push('');
  const totals: Array<[string, string]> = [
    ['segments', `${stats.segments} (${stats.rendered} rendered, ${stats.cached} cached${result.missing.length ? `, ${result.missing.length} missing` : ''})`],
    ['total', `${(stats.totalDurationMs / 60000).toFixed(2)} min (${formatDuration(stats.totalDurationMs)}, measured)`],
    ['render time', `${(stats.renderMs / 1000).toFixed(1)} s`],
    ['speed', stats.realtimeFactor ? `${stats.realtimeFactor.toFixed(1)}x realtime (rendered audio / wall time)` : 'n/a (nothing rendered)'],
  ];
  if (stats.wordsPerMinute) {
    totals.push(['speech rate', `${stats.wordsPerMinute.toFixed(1)} words/min (${stats.words} words in ${stats.speechSec.toFixed(1)} s of speech)`]);
  }
  if (stats.removedFiles.length) totals.push(['removed', stats.removedFiles.join(', ')]);
  totals.push(['manifest', result.manifest ? result.manifestPath : 'not written (segments missing; run without --only)']);
  for (const [label, value] of totals) lines.push(`${label.padEnd(12)} ${value}`);
  return lines.join('\n');
}
