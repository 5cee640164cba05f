/** Latency percentiles in milliseconds, as every scenario reports them. */
export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Collects latencies at full (sub-millisecond) resolution: the HTTP scenarios and the driver loop record
 * into the same kind of recorder, so their percentiles are computed the same way. Nearest-rank percentiles
 * over all samples (a run of a few hundred thousand samples sorts in milliseconds).
 */
export class LatencyRecorder {
  private samples = new Float64Array(1 << 16);
  private length = 0;

  record(milliseconds: number): void {
    if (this.length === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.length] = milliseconds;
    this.length += 1;
  }

  /** Adds every sample of another recorder (a scenario measured in parts). */
  absorb(other: LatencyRecorder): void {
    for (let index = 0; index < other.length; index += 1) this.record(other.samples[index]);
  }

  get count(): number {
    return this.length;
  }

  summary(): LatencySummary {
    const sorted = this.samples.slice(0, this.length).sort();
    const at = (q: number) =>
      sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      count: sorted.length,
      mean: sorted.length === 0 ? 0 : sum / sorted.length,
      p50: at(0.5),
      p90: at(0.9),
      p99: at(0.99),
      max: sorted.length === 0 ? 0 : sorted[sorted.length - 1],
    };
  }
}
