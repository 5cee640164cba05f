import { Machine } from './machine';
import { NodeWorkComparison } from './node-work-check';
import { failuresOf, ScenarioResult } from './scenario-result';

/** API scenarios and the driver baselines they are compared with. */
export const COMPARED = [
  { operation: 'send', api: 'send', driver: 'driver_send' },
  { operation: 'history_head', api: 'history_head', driver: 'driver_history_head' },
  { operation: 'conversations_head', api: 'conversations_head', driver: 'driver_conversations_head' },
] as const;

/** Two sides whose node CPU per operation differs by more than this fraction are flagged. */
export const CPU_PER_OPERATION_TOLERANCE = 0.1;

/** A baseline run again at its API scenario's rate. */
export interface PacedBaseline {
  readonly requests_per_s: number;
  readonly cassandra_cpu_pct: number | null;
}

export interface CpuPerOperation {
  /** Milliseconds of the Cassandra JVM's CPU per operation, while the API scenario was measured. */
  readonly service_ms: number | null;
  /** The same while its driver baseline ran as fast as it could. */
  readonly driver_ms: number | null;
  /**
   * The same while the baseline ran at the API's rate: the node's CPU per operation falls as its rate
   * rises (its worker threads spin between tasks), so only this figure compares like with like.
   */
  readonly driver_at_api_rate_ms: number | null;
  /**
   * Whether the API's figure and the baseline's at the same rate differ by more than
   * CPU_PER_OPERATION_TOLERANCE: the same statements did not cost the node the same.
   */
  readonly differs: boolean | null;
}

export interface Ratios {
  /** Send throughput through the API over the driver baseline's, same concurrency. */
  readonly send_api_over_driver: number | null;
  /** First-page history throughput through the API over the driver baseline's. */
  readonly history_api_over_driver: number | null;
  /** First-page conversation-list throughput through the API over the driver baseline's. */
  readonly conversations_api_over_driver: number | null;
  /** p50 of a history page 10,000 messages back by cursor over the first page's p50. */
  readonly history_deep_over_head: number | null;
  /** The same depth reached by before_timestamp. */
  readonly history_before_over_head: number | null;
  /** p50 of a conversation-list page 4,000 deep by cursor over the first page's p50. */
  readonly conversations_deep_over_head: number | null;
}

/** The goals the ratios are read against (they are goals, not assertions: the run passes either way). */
export const GOALS: Readonly<
  Record<keyof Ratios, { readonly at_least?: number; readonly at_most?: number }>
> = {
  send_api_over_driver: { at_least: 0.6 },
  history_api_over_driver: { at_least: 0.6 },
  conversations_api_over_driver: { at_least: 0.6 },
  history_deep_over_head: { at_most: 1.3 },
  history_before_over_head: { at_most: 1.3 },
  conversations_deep_over_head: { at_most: 1.3 },
};

export function meetsGoal(name: keyof Ratios, value: number | null): boolean | null {
  if (value === null) return null;
  const goal = GOALS[name];
  return (
    (goal.at_least === undefined || value >= goal.at_least) &&
    (goal.at_most === undefined || value <= goal.at_most)
  );
}

export interface BenchResults {
  readonly generated_at: string;
  readonly mode: 'quick' | 'full';
  readonly command: string;
  readonly settings: {
    readonly connections: number;
    readonly warmup_s: number;
    readonly duration_s: number;
    /** Seconds of each scenario in the unmeasured warm-up pass before anything was measured. */
    readonly run_warmup_s: number;
  };
  readonly machine: Machine;
  readonly data: Readonly<Record<string, string | number>>;
  /** Requests each operation sends to Cassandra, counted on the service's own code and on the baseline. */
  readonly round_trips: Readonly<Record<string, { readonly service: number; readonly driver: number }>>;
  /** What the node itself counted per operation (reads and writes by table), on both sides of each pair. */
  readonly node_work: Readonly<Record<string, NodeWorkComparison>>;
  readonly cassandra_cpu_per_operation: Readonly<Record<string, CpuPerOperation>>;
  readonly ratios: Ratios;
  readonly goals: typeof GOALS;
  readonly scenarios: readonly ScenarioResult[];
  /** Scenarios with errors, timeouts or non-2xx answers: a run with any is a failed run. */
  readonly failures: readonly string[];
  /** Warnings and errors the service logged during the run. */
  readonly service_log: string;
  readonly elapsed_s: number;
}

const ratio = (numerator: number | undefined, denominator: number | undefined) =>
  numerator === undefined || denominator === undefined || denominator === 0
    ? null
    : Math.round((numerator / denominator) * 100) / 100;

export function computeRatios(results: readonly ScenarioResult[]): Ratios {
  const byId = new Map(results.map((result) => [result.id, result]));
  const rps = (id: string) => byId.get(id)?.requests_per_s;
  const p50 = (id: string) => byId.get(id)?.latency_ms.p50;
  return {
    send_api_over_driver: ratio(rps('send'), rps('driver_send')),
    history_api_over_driver: ratio(rps('history_head'), rps('driver_history_head')),
    conversations_api_over_driver: ratio(rps('conversations_head'), rps('driver_conversations_head')),
    history_deep_over_head: ratio(p50('history_deep_cursor'), p50('history_head')),
    history_before_over_head: ratio(p50('history_deep_before'), p50('history_head')),
    conversations_deep_over_head: ratio(p50('conversations_deep_cursor'), p50('conversations_head')),
  };
}

/** CPU % of one core × 10 ÷ operations per second = milliseconds of CPU per operation. */
const cpuMsPerOperation = (cpuPct: number | null | undefined, perSecond: number | undefined) =>
  cpuPct === null || cpuPct === undefined || !perSecond
    ? null
    : Math.round(((cpuPct * 10) / perSecond) * 1000) / 1000;

const ofResult = (result: ScenarioResult | undefined) =>
  cpuMsPerOperation(result?.processes.cassandra?.cpu_avg_pct, result?.requests_per_s);

/** The node's CPU per operation on each side of each compared pair, and of the baseline at the API's rate. */
export function cassandraCpuPerOperation(
  results: readonly ScenarioResult[],
  paced: Readonly<Record<string, PacedBaseline>>,
): Record<string, CpuPerOperation> {
  const byId = new Map(results.map((result) => [result.id, result]));
  const figures: Record<string, CpuPerOperation> = {};
  for (const { operation, api, driver } of COMPARED) {
    const service_ms = ofResult(byId.get(api));
    const atRate = paced[operation];
    const driver_at_api_rate_ms = cpuMsPerOperation(atRate?.cassandra_cpu_pct, atRate?.requests_per_s);
    figures[operation] = {
      service_ms,
      driver_ms: ofResult(byId.get(driver)),
      driver_at_api_rate_ms,
      differs:
        service_ms === null || driver_at_api_rate_ms === null
          ? null
          : Math.abs(service_ms - driver_at_api_rate_ms) >
            CPU_PER_OPERATION_TOLERANCE * Math.max(service_ms, driver_at_api_rate_ms),
    };
  }
  return figures;
}

export function failuresIn(results: readonly ScenarioResult[]): string[] {
  return results
    .filter((result) => failuresOf(result) > 0)
    .map(
      (result) =>
        `${result.id}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non_2xx} non-2xx` +
        (result.first_failure ? ` (first: ${result.first_failure})` : ''),
    );
}
