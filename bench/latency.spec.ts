import { LatencyRecorder } from './latency';

describe('LatencyRecorder', () => {
  it('gives nearest-rank percentiles over every sample, at full resolution', () => {
    const recorder = new LatencyRecorder();
    // 1..100 ms in a shuffled order, plus a fraction to show no rounding to whole milliseconds.
    for (const value of Array.from({ length: 100 }, (_, index) => ((index * 37) % 100) + 1.25))
      recorder.record(value);
    expect(recorder.summary()).toEqual({
      count: 100,
      mean: 50.75,
      p50: 50.25,
      p90: 90.25,
      p99: 99.25,
      max: 100.25,
    });
  });

  it('grows past its first buffer', () => {
    const recorder = new LatencyRecorder();
    for (let index = 0; index < 200_000; index += 1) recorder.record(index % 10);
    expect(recorder.count).toBe(200_000);
    expect(recorder.summary().max).toBe(9);
  });

  it('reports zeros when nothing was recorded', () => {
    expect(new LatencyRecorder().summary()).toEqual({ count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });
});
