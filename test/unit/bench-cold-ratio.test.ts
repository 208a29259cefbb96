import { medianRoundRatio } from '../../bench/report';
import type { ColdRun } from '../../bench/processes';

const run = (wallMs: number): ColdRun => ({ wallMs, loadMs: 0, firstRequestMs: 0, maxRssKb: 0, cpuMs: 0, dynamoClientLoaded: true, ok: true });

describe('the cold-start ratio the benchmark holds to its target', () => {
  it('cancels a slow core: rounds alternate between a core and one 40% slower, and the ratio is each round’s', () => {
    // Every round: ours 40 ms above node -e 0, the baseline 90 ms, times the core's speed.
    const speeds = [1, 1.4, 1, 1.4, 1, 1.4, 1];
    const bare = speeds.map((s) => 55 * s);
    const ours = speeds.map((s, i) => run(bare[i] + 40 * s));
    const baseline = speeds.map((s, i) => run(bare[i] + 90 * s));
    expect(medianRoundRatio(ours, baseline, bare)).toBeCloseTo(40 / 90, 10);
  });

  it('pairs each round: the median of the rounds’ ratios, not a ratio of two medians', () => {
    const bare = [0, 0, 0];
    // Rounds' ratios 0.1, 0.91, 0.83: the median round says 0.83; the two medians (50 and 100) would say 0.5.
    expect(medianRoundRatio([10, 100, 50].map(run), [100, 110, 60].map(run), bare)).toBeCloseTo(50 / 60, 10);
  });

  it('takes the median round, so one disturbed round moves nothing', () => {
    const bare = [50, 50, 50, 50, 50];
    const ours = [90, 90, 90, 400, 90].map(run);
    const baseline = [150, 150, 150, 150, 150].map(run);
    expect(medianRoundRatio(ours, baseline, bare)).toBeCloseTo(0.4, 10);
  });
});
