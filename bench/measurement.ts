import { LatencyRecorder, LatencySummary } from './latency';
import { ProcessUsage, round } from './process-sampler';
import { ScenarioResult } from './scenario-result';

/** What one measured run of a scenario collected, before it becomes (part of) a ScenarioResult. */
export interface Measurement {
  readonly seconds: number;
  readonly all: LatencyRecorder;
  /** By kind of request, when a scenario sends several kinds (mixed load). */
  readonly byKind: ReadonlyMap<string, LatencyRecorder>;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly firstFailure?: string;
  readonly processes: Readonly<Record<string, ProcessUsage>>;
  readonly otherCpuPct: number | null;
}

export interface ScenarioIdentity {
  readonly id: string;
  readonly title: string;
  readonly via: 'http' | 'driver';
}

function mergeProcesses(parts: readonly Measurement[]): Record<string, ProcessUsage> {
  const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
  const merged: Record<string, ProcessUsage> = {};
  for (const name of new Set(parts.flatMap((part) => Object.keys(part.processes)))) {
    const usages = parts
      .map((part) => ({ usage: part.processes[name], seconds: part.seconds }))
      .filter((entry) => entry.usage);
    merged[name] = {
      cpu_avg_pct: round(
        usages.reduce((sum, { usage, seconds: s }) => sum + usage.cpu_avg_pct * s, 0) / seconds,
        0,
      ),
      cpu_peak_pct: Math.max(...usages.map(({ usage }) => usage.cpu_peak_pct)),
      rss_peak_mb: Math.max(...usages.map(({ usage }) => usage.rss_peak_mb)),
    };
  }
  return merged;
}

/**
 * The figures of a scenario from its measured parts: one part usually; two when it was measured in halves
 * around other scenarios (the halves' samples are pooled, so slow drift of the machine during the run
 * weighs on both sides of a comparison alike).
 */
export function toScenarioResult(
  scenario: ScenarioIdentity,
  settings: { readonly connections: number; readonly warmupSeconds: number },
  parts: readonly Measurement[],
  settle: ScenarioResult['settle'],
  remeasured: number,
): ScenarioResult {
  const all = new LatencyRecorder();
  const byKind = new Map<string, LatencyRecorder>();
  const statusCodes: Record<string, number> = {};
  for (const part of parts) {
    all.absorb(part.all);
    for (const [kind, recorder] of part.byKind) {
      if (!byKind.has(kind)) byKind.set(kind, new LatencyRecorder());
      byKind.get(kind)?.absorb(recorder);
    }
    for (const [code, count] of Object.entries(part.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
  const sum = (pick: (part: Measurement) => number) => parts.reduce((total, part) => total + pick(part), 0);
  const others = parts.every((part) => part.otherCpuPct !== null)
    ? round(sum((part) => (part.otherCpuPct ?? 0) * part.seconds) / seconds, 0)
    : null;
  const kinds: Record<string, { requests: number; latency_ms: LatencySummary }> = {};
  for (const [kind, recorder] of byKind)
    kinds[kind] = { requests: recorder.count, latency_ms: recorder.summary() };
  const firstFailure = parts.find((part) => part.firstFailure)?.firstFailure;
  return {
    id: scenario.id,
    title: scenario.title,
    via: scenario.via,
    connections: settings.connections,
    settle,
    warmup_s: settings.warmupSeconds,
    duration_s: seconds,
    ...(parts.length > 1 ? { measured_in_parts: parts.length } : {}),
    ...(remeasured > 0 ? { remeasured } : {}),
    requests: all.count,
    requests_per_s: all.count / seconds,
    latency_ms: all.summary(),
    errors: sum((part) => part.errors),
    timeouts: sum((part) => part.timeouts),
    non_2xx: sum((part) => part.non2xx),
    status_codes: statusCodes,
    ...(byKind.size > 1 ? { by_kind: kinds } : {}),
    processes: mergeProcesses(parts),
    other_processes_cpu_pct: others,
    ...(firstFailure ? { first_failure: firstFailure } : {}),
  };
}
