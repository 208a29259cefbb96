/** Small, dependency-free statistics and formatting for the benchmark report. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile: p99 of 400 samples is the 396th smallest. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function ratio(ours: number, baseline: number): number {
  return baseline === 0 ? (ours === 0 ? 1 : Number.POSITIVE_INFINITY) : ours / baseline;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const mib = (kilobytes: number) => `${(kilobytes / 1024).toFixed(1)} MiB`;
export const x = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '-');
export const units = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

export interface Row {
  metric: string;
  ours: string;
  baseline: string;
  ratio?: string;
  target?: string;
  pass?: boolean;
}

/** The comparison table; a row without figures is a section heading, printed across the columns. */
export function table(rows: readonly Row[]): string {
  const cells = rows.map((row) =>
    row.ours === '' && row.baseline === '' && row.ratio === undefined
      ? [row.metric]
      : [row.metric, row.ours, row.baseline, row.ratio ?? '', row.target ?? '', row.pass === undefined ? '' : row.pass ? 'PASS' : 'FAIL'],
  );
  return grid(['', 'ours', 'baseline', 'ratio', 'target', ''], cells);
}

/** Fixed-width columns, the first left-aligned and the rest right-aligned; one-cell rows print as they are. */
export function grid(header: readonly string[], cells: readonly string[][]): string {
  const rows = cells.filter((cell) => cell.length > 1);
  const widths = header.map((_, column) => Math.max(header[column].length, ...rows.map((cell) => cell[column].length)));
  const line = (cell: readonly string[]) =>
    cell.length === 1
      ? cell[0]
      : cell
          .map((text, column) => (column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column])))
          .join('  ')
          .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}
