/**
 * Practice metrics as CloudWatch Embedded Metric Format: one JSON log line per count, which
 * CloudWatch Logs turns into metrics in the SpineNidra namespace. No client library and no API
 * call: a line through the logger. The one dimension is the practice variant; no user, person or
 * device id ever goes into a metric line (nor any other field).
 */
export const METRICS_NAMESPACE = 'SpineNidra';

/** What is counted. Sections and error kinds are part of the name, so the only dimension stays the variant. */
export type MetricName =
  | 'PracticeStarted'
  | 'PracticeCompleted'
  | 'PracticeResumed'
  | 'SankalpaSet'
  | 'Skip'
  /** Minutes of sleep sounds heard (a sum, not a count): each item's played length when it ends or stops. */
  | 'SleepSoundsMinutes'
  | `StoppedIn.${string}`
  | `Error.${string}`;

/** Metric names and variants are ours (catalog ids, error names): anything else is not written. */
const SAFE = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

/**
 * The EMF line adding `value` (one, for a count) to `name` for `variant`, or undefined if either
 * is not a plain identifier or the value is not a finite, non-negative number.
 */
export function metricLine(name: string, variant: string, timestampMs: number, value = 1): string | undefined {
  if (!SAFE.test(name) || !SAFE.test(variant) || !(Number.isFinite(value) && value >= 0)) return undefined;
  return JSON.stringify({
    _aws: {
      Timestamp: timestampMs,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['Variant']],
          Metrics: [{ Name: name, Unit: name === 'SleepSoundsMinutes' ? 'None' : 'Count' }],
        },
      ],
    },
    Variant: variant,
    [name]: value,
  });
}

/** A kind of error as a metric name part: the error's class name, else "Unknown". */
export function errorKind(error: unknown): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && /^[A-Za-z][A-Za-z0-9]{0,59}$/.test(name) ? name : 'Unknown';
}
