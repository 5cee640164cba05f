import { Machine } from './machine';
import { failuresOf, ScenarioResult } from './scenario-result';

export interface Ratios {
  /** Send throughput through the API over the driver baseline's, same concurrency. */
  readonly send_api_over_driver: number | null;
  /** First-page history throughput through the API over the driver baseline's. */
  readonly history_api_over_driver: number | null;
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
  readonly settings: { readonly connections: number; readonly warmup_s: number; readonly duration_s: number };
  readonly machine: Machine;
  readonly data: Readonly<Record<string, string | number>>;
  /** Requests each operation sends to Cassandra, counted on the service's own code and on the baseline. */
  readonly round_trips: Readonly<Record<string, { readonly service: number; readonly driver: number }>>;
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
    history_deep_over_head: ratio(p50('history_deep_cursor'), p50('history_head')),
    history_before_over_head: ratio(p50('history_deep_before'), p50('history_head')),
    conversations_deep_over_head: ratio(p50('conversations_deep_cursor'), p50('conversations_head')),
  };
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
