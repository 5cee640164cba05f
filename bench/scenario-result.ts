import { LatencySummary } from './latency';
import { ProcessUsage } from './process-sampler';

/** Every figure of one scenario, as latest.json holds it. */
export interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  /** "http": autocannon against the running service; "driver": cassandra-driver from the bench process. */
  readonly via: 'http' | 'driver';
  readonly connections: number;
  /** How long the run waited for a quiet Cassandra node before this scenario, and whether it got quiet. */
  readonly settle: { readonly seconds: number; readonly quiet: boolean };
  readonly warmup_s: number;
  /** Measured seconds in all (a warm-up precedes each part). */
  readonly duration_s: number;
  /** Set when the scenario was measured in halves around the scenarios it is compared with. */
  readonly measured_in_parts?: number;
  /** Measurements thrown away because other processes used the machine meanwhile (then measured again). */
  readonly remeasured?: number;
  readonly requests: number;
  readonly requests_per_s: number;
  readonly latency_ms: LatencySummary;
  readonly errors: number;
  readonly timeouts: number;
  readonly non_2xx: number;
  readonly status_codes: Readonly<Record<string, number>>;
  /** For mixed load: the figures of each kind of request. */
  readonly by_kind?: Readonly<Record<string, { requests: number; latency_ms: LatencySummary }>>;
  /** CPU (percent of one core) and peak resident memory of the service, the node and the load generator. */
  readonly processes: Readonly<Record<string, ProcessUsage>>;
  /** CPU (percent of one core) used meanwhile by every other process on the machine. */
  readonly other_processes_cpu_pct: number | null;
  /** The first failure seen, when there was one (a non-2xx body or an error message). */
  readonly first_failure?: string;
}

export function failuresOf(result: ScenarioResult): number {
  return result.errors + result.timeouts + result.non_2xx;
}
