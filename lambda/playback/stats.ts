/** Practice counts and the streak of days, from what the store keeps: pure. */
import { localTime } from './local-time';

/** A practice begun before this local hour counts for the evening before (bedtime runs past midnight). */
export const DAY_STARTS_HOUR = 4;

export interface PracticeStats {
  started: number;
  completed: number;
  /** Consecutive practice days up to today, or up to yesterday when today has none yet. */
  streakDays: number;
}

/**
 * The local date a practice counts for: its own date, or the day before when the local clock read
 * earlier than DAY_STARTS_HOUR. By the clock's hour, not four hours of elapsed time, so a night
 * when the clocks change counts the same as any other.
 */
function practiceDay(epochSec: number, zone: string): string {
  const { date, hour } = localTime(epochSec * 1000, zone);
  return hour < DAY_STARTS_HOUR ? previousDay(date) : date;
}

function previousDay(date: string): string {
  const ms = Date.parse(`${date}T12:00:00Z`) - 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

export function practiceStats(
  record: { startedCount: number; completedCount: number; practiceStarts?: readonly number[] } | undefined,
  nowMs: number,
  zone: string,
): PracticeStats {
  const days = new Set((record?.practiceStarts ?? []).map((sec) => practiceDay(sec, zone)));
  let day = practiceDay(Math.floor(nowMs / 1000), zone);
  if (!days.has(day)) day = previousDay(day);
  let streakDays = 0;
  while (days.has(day)) {
    streakDays += 1;
    day = previousDay(day);
  }
  return { started: record?.startedCount ?? 0, completed: record?.completedCount ?? 0, streakDays };
}
