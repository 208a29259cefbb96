/**
 * One listener's AudioPlayer events as they really happened, on two Echos, for the ordering
 * properties: then delivered shuffled, duplicated and late. The newest event is the last one.
 */
import fc from 'fast-check';
import type { Catalog } from '../../lambda/playback/catalog';
import type { Progress, ProgressEvent, ProgressState } from '../../lambda/playback/progress';

export interface TimelineEvent {
  type: ProgressEvent;
  device: 'A' | 'B';
  nonce: string;
  segmentId: string;
  offsetMs: number;
  /** Whole seconds, as Alexa's timestamps have. */
  timeMs: number;
  /** Failed writes only on the retry's failure (token attempt 1). */
  attempt: 0 | 1;
}

const STATE: Record<ProgressEvent, ProgressState> = {
  PlaybackStarted: 'playing',
  PlaybackStopped: 'paused',
  PlaybackFailed: 'paused',
  PlaybackFinished: 'completed',
};

/** Each step: one device starts an item, and perhaps pauses, fails or finishes it later. */
export function timelines(catalog: Catalog, startMs = Date.parse('2026-11-24T21:30:00Z')) {
  const order = catalog.variants.standard;
  const last = order[order.length - 1];
  const step = fc.record({
    device: fc.constantFrom('A' as const, 'B' as const),
    newSession: fc.boolean(),
    segmentId: fc.constantFrom(...order),
    startOffsetMs: fc.constantFrom(0, 0, 4_000, 61_000),
    then: fc.constantFrom('nothing', 'pause', 'fail', 'finish'),
    /** 0: the pause lands in the same second as its own start (at the same or a later offset). */
    afterSec: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 900 })),
    playedMs: fc.constantFrom(0, 350, 9_000, 45_000),
    gapSec: fc.integer({ min: 1, max: 4_000 }),
  });
  return fc.array(step, { minLength: 1, maxLength: 12 }).map((steps) => {
    const events: TimelineEvent[] = [];
    const nonces = { A: 'aaaa0000', B: 'bbbb0000' };
    let sessions = 0;
    let timeMs = startMs;
    for (const s of steps) {
      if (s.newSession) nonces[s.device] = `${s.device.toLowerCase()}${(sessions += 1).toString(36).padStart(7, '0')}`;
      const nonce = nonces[s.device];
      const duration = catalog.segments[s.segmentId].durationMs;
      const startOffsetMs = Math.min(s.startOffsetMs, duration - 1);
      timeMs += s.gapSec * 1_000;
      events.push({ type: 'PlaybackStarted', device: s.device, nonce, segmentId: s.segmentId, offsetMs: startOffsetMs, timeMs, attempt: 0 });
      if (s.then === 'nothing') continue;
      timeMs += s.afterSec * 1_000;
      const offsetMs = Math.min(startOffsetMs + (s.afterSec === 0 ? s.playedMs % 1_000 : s.playedMs), duration);
      if (s.then === 'finish') {
        if (s.segmentId !== last) continue;
        events.push({ type: 'PlaybackFinished', device: s.device, nonce, segmentId: s.segmentId, offsetMs: duration, timeMs, attempt: 0 });
      } else {
        const type = s.then === 'pause' ? 'PlaybackStopped' : 'PlaybackFailed';
        events.push({ type, device: s.device, nonce, segmentId: s.segmentId, offsetMs, timeMs, attempt: s.then === 'fail' ? 1 : 0 });
      }
    }
    return events;
  });
}

/** The timeline, shuffled, with some events delivered twice (duplicates and late replays). */
export function deliveries(events: readonly TimelineEvent[]) {
  return fc
    .tuple(
      fc.shuffledSubarray([...events.keys()], { minLength: events.length, maxLength: events.length }),
      fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 4 }),
    )
    .chain(([order, repeats]) =>
      fc.shuffledSubarray([...order, ...repeats], { minLength: order.length + repeats.length, maxLength: order.length + repeats.length }),
    )
    .map((indexes) => indexes.map((index) => events[index]));
}

/** What the store should hold once the event has been heard: the newest event's progress. */
export function progressOf(event: TimelineEvent, seq: number): Progress {
  return { variant: 'standard', segmentId: event.segmentId, offsetMs: event.offsetMs, state: STATE[event.type], nonce: event.nonce, seq };
}
