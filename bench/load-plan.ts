/**
 * What each simulated listener of `npm run load` does, and when, on its own simulated clock.
 * Deterministic per listener number, so a failing listener can be replayed.
 *
 * The skill judges "how long ago was the pause" by the server's wall clock (Date.now) against the
 * paused event's timestamp, so each timeline is anchored to make the resume request fall at the
 * real time the run starts: the minutes or hours of pause then look the same to the skill as they
 * do to the listener, and the rest of the practice runs on ahead in simulated time.
 */

export interface Practice {
  practiceId: string;
  variant: string;
  /** Segment ids in playing order. */
  order: readonly string[];
  durations: Readonly<Record<string, number>>;
  audioBaseUrl: string;
  skillId: string;
  locale: string;
}

/**
 * 'same-echo': skip to the body scan early, pause later, "Alexa, resume" minutes after on the
 * same Echo (exact place). 'next-day': pause, open the skill the next morning on another Echo
 * and say yes to the offer (start of the part), then skip back to the body scan.
 */
export type ResumeStyle = 'same-echo' | 'next-day';

export interface ListenerPlan {
  index: number;
  userId: string;
  deviceId: string;
  otherDeviceId: string;
  style: ResumeStyle;
  /** Simulated epoch milliseconds of each step. */
  launchAtMs: number;
  skipAtMs?: number;
  pauseAtMs: number;
  resumeAtMs: number;
  /** next-day: the skip comes this long after playback restarts. */
  skipAfterResumeMs?: number;
}

/** A device acts on a directive (starts, stops) this long after the request that brought it. */
export const DEVICE_DELAY_MS = 1_000;

/** A well-spread number in [0, 1) from a listener number and a salt. */
export function mix(index: number, salt: number): number {
  let h = Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32;
}

export function planListener(index: number, practice: Practice, wallStartMs: number, skipTargetId: string): ListenerPlan {
  const { order, durations } = practice;
  const skipIndex = order.indexOf(skipTargetId);
  if (skipIndex < 2) throw new Error(`the practice has no ${skipTargetId} after its second segment to skip to`);
  const sum = (ids: readonly string[]) => ids.reduce((total, id) => total + durations[id], 0);
  const style: ResumeStyle = index % 2 === 0 ? 'same-echo' : 'next-day';
  // Resumes are spread over a minute so they do not all carry the same second.
  const resumeAtMs = wallStartMs + (index % 60) * 1_000;
  const ids = {
    index,
    userId: `amzn1.ask.account.LOAD-${index}`,
    deviceId: `amzn1.ask.device.LOAD-ECHO-${index}-BEDROOM`,
    otherDeviceId: `amzn1.ask.device.LOAD-ECHO-${index}-KITCHEN`,
    style,
    resumeAtMs,
  };
  if (style === 'same-echo') {
    // Into the second segment, well before its NearlyFinished; then a pause somewhere after the body scan begins.
    const skipRel = DEVICE_DELAY_MS + durations[order[0]] + Math.round(durations[order[1]] * (0.15 + 0.5 * mix(index, 1)));
    const pauseRel = skipRel + DEVICE_DELAY_MS + Math.round(sum(order.slice(skipIndex)) * (0.1 + 0.6 * mix(index, 2)));
    // 2 to 8 minutes: inside the policy's 30-minute exact-resume window even if the run itself is slow.
    const gapMs = Math.round(120_000 + 360_000 * mix(index, 3));
    const launchAtMs = resumeAtMs - gapMs - DEVICE_DELAY_MS - pauseRel;
    return { ...ids, launchAtMs, skipAtMs: launchAtMs + skipRel, pauseAtMs: launchAtMs + pauseRel };
  }
  const pauseRel = DEVICE_DELAY_MS + Math.round(sum(order) * (0.15 + 0.5 * mix(index, 2)));
  const gapMs = Math.round(9 * 3_600_000 + 2 * 3_600_000 * mix(index, 3));
  const launchAtMs = resumeAtMs - gapMs - DEVICE_DELAY_MS - pauseRel;
  return { ...ids, launchAtMs, pauseAtMs: launchAtMs + pauseRel, skipAfterResumeMs: Math.round(60_000 + 120_000 * mix(index, 1)) };
}
