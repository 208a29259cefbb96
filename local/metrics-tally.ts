/**
 * Reads EMF metric lines back (skill/metrics.ts): `npm run report` over Lambda logs or the local
 * server's output, and the simulator's funnel. Lines may carry a prefix (Lambda's text format, a
 * CloudWatch export); anything that is not an EMF line in our namespace is skipped.
 */
import type { Logger } from '../lambda/skill/deps';
import { METRICS_NAMESPACE, metricLine } from '../lambda/skill/metrics';

export interface MetricTally {
  /** Totals by metric name, all variants together. */
  totals: Record<string, number>;
  /** Totals by variant, then metric name. */
  byVariant: Record<string, Record<string, number>>;
}

interface EmfLine {
  _aws?: { Timestamp?: unknown; CloudWatchMetrics?: Array<{ Namespace?: unknown; Metrics?: Array<{ Name?: unknown }> }> };
  Variant?: unknown;
  [field: string]: unknown;
}

export function emptyTally(): MetricTally {
  return { totals: {}, byVariant: {} };
}

/** Adds one log line's metrics to the tally; false when the line holds none of ours. */
export function addLine(tally: MetricTally, line: string): boolean {
  const start = line.indexOf('{"_aws"');
  if (start < 0) return false;
  let parsed: EmfLine;
  try {
    parsed = JSON.parse(line.slice(start)) as EmfLine;
  } catch {
    return false;
  }
  const variant = typeof parsed.Variant === 'string' ? parsed.Variant : 'unknown';
  let added = false;
  for (const directive of parsed._aws?.CloudWatchMetrics ?? []) {
    if (directive.Namespace !== METRICS_NAMESPACE) continue;
    for (const { Name } of directive.Metrics ?? []) {
      const value = typeof Name === 'string' ? parsed[Name] : undefined;
      if (typeof Name !== 'string' || typeof value !== 'number') continue;
      tally.totals[Name] = (tally.totals[Name] ?? 0) + value;
      const own = (tally.byVariant[variant] ??= {});
      own[Name] = (own[Name] ?? 0) + value;
      added = true;
    }
  }
  return added;
}

export function tallyLines(lines: Iterable<string>): MetricTally {
  const tally = emptyTally();
  for (const line of lines) addLine(tally, line);
  return tally;
}

export interface FunnelRow {
  section: string;
  stops: number;
  /** Share of all stops, 0-1. */
  share: number;
}

/** Where listeners stopped, in the practice's order (sections never stopped in show 0). */
export function funnel(tally: MetricTally, sectionOrder: readonly string[]): FunnelRow[] {
  const stops = Object.entries(tally.totals).filter(([name]) => name.startsWith('StoppedIn.'));
  const all = stops.reduce((sum, [, count]) => sum + count, 0);
  const bySection = new Map(stops.map(([name, count]) => [name.slice('StoppedIn.'.length), count]));
  const sections = [...sectionOrder, ...[...bySection.keys()].filter((section) => !sectionOrder.includes(section))];
  return sections.map((section) => ({ section, stops: bySection.get(section) ?? 0, share: all ? (bySection.get(section) ?? 0) / all : 0 }));
}

/** The report `npm run report` prints. */
export function reportText(tally: MetricTally, sectionOrder: readonly string[]): string {
  const count = (name: string) => tally.totals[name] ?? 0;
  const started = count('PracticeStarted');
  const completed = count('PracticeCompleted');
  const errors = Object.entries(tally.totals).filter(([name]) => name.startsWith('Error.'));
  const rows = funnel(tally, sectionOrder);
  const width = Math.max(...rows.map((row) => row.section.length), 8);
  return [
    `Practices started ${started}, completed ${completed}${started ? ` (${Math.round((100 * completed) / started)}%)` : ''}, resumed ${count('PracticeResumed')}`,
    `Sankalpas set ${count('SankalpaSet')}, skips ${count('Skip')}, sleep sounds ${Math.round(count('SleepSoundsMinutes'))} minutes`,
    `Errors: ${errors.length ? errors.map(([name, n]) => `${name.slice('Error.'.length)} ${n}`).join(', ') : 'none'}`,
    '',
    'Where listeners stopped (section, stops, share):',
    ...rows.map(
      (row) =>
        `  ${row.section.padEnd(width)}  ${String(row.stops).padStart(5)}  ${(100 * row.share).toFixed(0).padStart(3)}%  ${'#'.repeat(Math.round(40 * row.share))}`,
    ),
    '',
    `By variant: ${
      Object.entries(tally.byVariant)
        .map(([variant, metrics]) => `${variant} ${metrics.PracticeStarted ?? 0} started / ${metrics.PracticeCompleted ?? 0} completed`)
        .join('; ') || 'none'
    }`,
  ].join('\n');
}

/** The local server's logger: prints as `base` does (metric lines included) and keeps its own tally for the simulator. */
export function tallyingLogger(base: Logger, tally: MetricTally, now: () => number = Date.now): Logger {
  return {
    info: base.info.bind(base),
    warn: base.warn.bind(base),
    error: base.error.bind(base),
    metric(name, variant, value) {
      base.metric?.(name, variant, value);
      const line = metricLine(name, variant, now(), value);
      if (line) addLine(tally, line);
    },
  };
}

/** What the simulator shows: the totals and the funnel in the practice's order. */
export function simulatorMetrics(tally: MetricTally, sectionOrder: readonly string[]) {
  return { totals: tally.totals, funnel: funnel(tally, sectionOrder) };
}
