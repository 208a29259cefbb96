import { eventOrder, EXACT_RESUME_WINDOW_MS, RESUME_REWIND_MS, resumePoint, type Progress } from '../../lambda/playback/progress';
import { testCatalog } from '../support/catalog';

const catalog = testCatalog();
const pausedAt = Date.parse('2026-11-24T22:00:00Z');
const paused = (extra: Partial<Progress> = {}): Progress => ({
  variant: 'standard',
  segmentId: 'spine-rotation-thoracic',
  offsetMs: 95_000,
  state: 'paused',
  nonce: 'abc12345',
  seq: eventOrder('2026-11-24T22:00:00Z', 'PlaybackStopped') as number,
  ...extra,
});

describe('resume policy', () => {
  it('paused minutes ago: the exact place, a few seconds earlier', () => {
    expect(resumePoint(catalog, paused(), pausedAt + 5 * 60_000)).toEqual({
      variant: 'standard',
      segmentId: 'spine-rotation-thoracic',
      offsetMs: 95_000 - RESUME_REWIND_MS,
    });
  });

  it('never rewinds before the start of the file', () => {
    expect(resumePoint(catalog, paused({ offsetMs: 4_000 }), pausedAt + 60_000)?.offsetMs).toBe(0);
  });

  it('paused hours or days ago: the start of the part they were in', () => {
    for (const later of [EXACT_RESUME_WINDOW_MS + 1, 9 * 3_600_000, 3 * 86_400_000]) {
      expect(resumePoint(catalog, paused(), pausedAt + later)).toEqual({
        variant: 'standard',
        segmentId: 'spine-rotation-thoracic',
        offsetMs: 0,
      });
    }
  });

  it('a personal clip long ago resumes at its sankalpa segment', () => {
    expect(resumePoint(catalog, paused({ segmentId: 'sankalpa-personal', offsetMs: 2_000 }), pausedAt + 86_400_000)?.segmentId).toBe('sankalpa');
  });

  it('a finished practice, no progress, or a place the practice no longer has: start afresh', () => {
    expect(resumePoint(catalog, paused({ state: 'completed' }), pausedAt)).toBeUndefined();
    expect(resumePoint(catalog, undefined, pausedAt)).toBeUndefined();
    expect(resumePoint(catalog, paused({ segmentId: 'removed-section' }), pausedAt)).toBeUndefined();
  });
});

describe('event order', () => {
  it('orders by request time, then Stopped < Failed < Finished < Started within one second', () => {
    const second = '2026-11-24T22:00:00Z';
    const stopped = eventOrder(second, 'PlaybackStopped') as number;
    const finished = eventOrder(second, 'PlaybackFinished') as number;
    const started = eventOrder(second, 'PlaybackStarted') as number;
    expect(stopped).toBeLessThan(finished);
    expect(finished).toBeLessThan(started);
    expect(started).toBeLessThan(eventOrder('2026-11-24T22:00:01Z', 'PlaybackStopped') as number);
  });

  it('has no order for a malformed timestamp', () => {
    expect(eventOrder('yesterday-ish', 'PlaybackStarted')).toBeUndefined();
  });
});
