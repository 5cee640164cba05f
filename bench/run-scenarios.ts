import { measureDriver } from './driver/driver-load';
import { LoadSettings, measureHttp } from './http-load';
import { Measurement, toScenarioResult } from './measurement';
import { QUIET_PCT, waitForQuiet } from './node-quiet';
import { COMPARED, PacedBaseline } from './results';
import { ScenarioResult } from './scenario-result';
import { Scenario } from './scenarios';

export interface ScenarioRun {
  readonly results: ScenarioResult[];
  /** Each measured part, as milliseconds from `profileStart` (to find it in a CPU profile). */
  readonly windows: {
    readonly id: string;
    readonly fromMs: number;
    readonly toMs: number;
    discarded?: boolean;
  }[];
  /** Each compared pair's baseline run again at the rate its API scenario reached. */
  readonly paced: Record<string, PacedBaseline>;
}

/** The order of measured parts: a bracketing scenario's halves go around the scenarios it is compared with. */
export function schedule(chosen: readonly Scenario[]): { scenario: Scenario; share: number }[] {
  const byId = new Map(chosen.map((scenario) => [scenario.id, scenario]));
  const order: { scenario: Scenario; share: number }[] = [];
  const placed = new Set<string>();
  for (const scenario of chosen) {
    if (placed.has(scenario.id)) continue;
    const inside = (scenario.bracketing ?? [])
      .flatMap((id) => byId.get(id) ?? [])
      .filter((s) => !placed.has(s.id));
    if (inside.length === 0) {
      order.push({ scenario, share: 1 });
    } else {
      order.push({ scenario, share: 0.5 }, ...inside.map((s) => ({ scenario: s, share: 1 })), {
        scenario,
        share: 0.5,
      });
      inside.forEach((s) => placed.add(s.id));
    }
    placed.add(scenario.id);
  }
  return order;
}

/**
 * Runs each scenario once, unmeasured, for `seconds`: a freshly started Cassandra JVM and service need tens
 * of seconds of load before their JIT compilers settle, and the first scenario measured would pay for it.
 */
export async function warmUpRun(
  chosen: readonly Scenario[],
  baseUrl: string,
  load: LoadSettings,
  seconds: number,
): Promise<void> {
  if (seconds <= 0) return;
  const settings = { connections: load.connections, warmupSeconds: 0 };
  for (const scenario of chosen) {
    if (scenario.via === 'http') await measureHttp(baseUrl, scenario, settings, seconds, {});
    else await measureDriver(scenario, settings, seconds, {});
  }
}

export interface RunSettings {
  readonly load: LoadSettings;
  /** Longest wait for a quiet node and machine before each measured part. */
  readonly settleSeconds: number;
  /** Measured parts that may be measured again, in all, when other processes were busy meanwhile. */
  readonly remeasureLimit: number;
}

/**
 * Runs the scenarios' measured parts in schedule order, each once the node and the machine are quiet (or
 * after `settleSeconds`). A part during which other processes used more than QUIET_PCT of a core is measured
 * again while the run's allowance lasts. Prints a line per scenario when its last part is done.
 */
export async function runScenarios(
  chosen: readonly Scenario[],
  baseUrl: string,
  settings: RunSettings,
  pids: Readonly<Record<string, number | undefined>>,
  profileStart: number,
  log: (line: string) => void,
): Promise<ScenarioRun> {
  const { load } = settings;
  const windows: ScenarioRun['windows'] = [];
  const parts = new Map<string, Measurement[]>();
  const settles = new Map<string, ScenarioResult['settle']>();
  const remeasured = new Map<string, number>();
  let remeasuresLeft = settings.remeasureLimit;
  const order = schedule(chosen);
  const results = new Map<string, ScenarioResult>();
  for (const [index, { scenario, share }] of order.entries()) {
    let measurement: Measurement;
    for (;;) {
      const settle = await waitForQuiet(pids, settings.settleSeconds);
      if (!settles.has(scenario.id)) {
        settles.set(scenario.id, { seconds: Math.round(settle.seconds * 10) / 10, quiet: settle.quiet });
      }
      let fromMs = 0;
      const onWindow = (edge: 'start' | 'end') => {
        const at = Math.round(performance.now() - profileStart);
        if (edge === 'start') fromMs = at;
        else windows.push({ id: scenario.id, fromMs, toMs: at });
      };
      const seconds = load.durationSeconds * share;
      measurement =
        scenario.via === 'http'
          ? await measureHttp(baseUrl, scenario, load, seconds, pids, onWindow)
          : await measureDriver(scenario, load, seconds, pids, onWindow);
      if ((measurement.otherCpuPct ?? 0) <= QUIET_PCT || remeasuresLeft === 0) break;
      remeasuresLeft -= 1;
      const last = windows[windows.length - 1];
      if (last) last.discarded = true;
      remeasured.set(scenario.id, (remeasured.get(scenario.id) ?? 0) + 1);
      log(
        `  (${scenario.id}: other processes used ${measurement.otherCpuPct}% of a core meanwhile; measuring again)`,
      );
    }
    parts.set(scenario.id, [...(parts.get(scenario.id) ?? []), measurement]);
    const isLastPart = !order.slice(index + 1).some((next) => next.scenario.id === scenario.id);
    if (!isLastPart) continue;
    const result = toScenarioResult(
      scenario,
      load,
      parts.get(scenario.id) ?? [],
      settles.get(scenario.id) ?? { seconds: 0, quiet: false },
      remeasured.get(scenario.id) ?? 0,
    );
    results.set(scenario.id, result);
    log(
      `  ${result.id.padEnd(26)} ${Math.round(result.requests_per_s).toString().padStart(6)} req/s  ` +
        `p50 ${result.latency_ms.p50.toFixed(2)} ms  p99 ${result.latency_ms.p99.toFixed(2)} ms  ` +
        `errors ${result.errors + result.timeouts}  non-2xx ${result.non_2xx}`,
    );
  }
  const paced: ScenarioRun['paced'] = {};
  for (const { operation, api, driver } of COMPARED) {
    const baseline = chosen.find((scenario) => scenario.id === driver);
    const rate = results.get(api)?.requests_per_s;
    if (baseline?.via !== 'driver' || !rate) continue;
    await waitForQuiet(pids, settings.settleSeconds);
    const measurement = await measureDriver(baseline, load, load.durationSeconds, pids, undefined, rate);
    paced[operation] = {
      requests_per_s: measurement.all.count / measurement.seconds,
      cassandra_cpu_pct: measurement.processes.cassandra?.cpu_avg_pct ?? null,
    };
    log(
      `  ${`${driver} at ${Math.round(rate)}/s`.padEnd(26)} Cassandra CPU ${paced[operation].cassandra_cpu_pct}%`,
    );
  }
  // Results in the scenarios' own order, whatever order their parts ran in.
  return { results: chosen.flatMap((scenario) => results.get(scenario.id) ?? []), windows, paced };
}
