import { cassandraCpuPerOperation, computeRatios, failuresIn, meetsGoal } from './results';
import { ScenarioResult } from './scenario-result';

function scenario(id: string, requestsPerSecond: number, p50: number, failures = 0): ScenarioResult {
  return {
    id,
    title: id,
    via: id.startsWith('driver') ? 'driver' : 'http',
    connections: 32,
    settle: { seconds: 0, quiet: true },
    warmup_s: 2,
    duration_s: 5,
    requests: requestsPerSecond * 5,
    requests_per_s: requestsPerSecond,
    latency_ms: { count: requestsPerSecond * 5, mean: p50, p50, p90: p50, p99: p50, max: p50 },
    errors: failures,
    timeouts: 0,
    non_2xx: 0,
    status_codes: {},
    processes: {},
    other_processes_cpu_pct: 0,
  };
}

describe('computeRatios', () => {
  it('divides throughputs for the baselines and p50s for the depths', () => {
    const ratios = computeRatios([
      scenario('send', 600, 40),
      scenario('driver_send', 1000, 10),
      scenario('history_head', 900, 20),
      scenario('driver_history_head', 3000, 5),
      scenario('history_deep_cursor', 900, 22),
      scenario('history_deep_before', 900, 30),
      scenario('conversations_head', 500, 50),
      scenario('driver_conversations_head', 800, 30),
      scenario('conversations_deep_cursor', 500, 55),
    ]);
    expect(ratios).toEqual({
      send_api_over_driver: 0.6,
      history_api_over_driver: 0.3,
      conversations_api_over_driver: 0.63,
      history_deep_over_head: 1.1,
      history_before_over_head: 1.5,
      conversations_deep_over_head: 1.1,
    });
    expect(meetsGoal('send_api_over_driver', ratios.send_api_over_driver)).toBe(true);
    expect(meetsGoal('history_api_over_driver', ratios.history_api_over_driver)).toBe(false);
    expect(meetsGoal('history_before_over_head', ratios.history_before_over_head)).toBe(false);
  });

  it('leaves a ratio null when one of its scenarios did not run', () => {
    const ratios = computeRatios([scenario('send', 600, 40)]);
    expect(ratios.send_api_over_driver).toBeNull();
    expect(meetsGoal('send_api_over_driver', null)).toBeNull();
  });
});

describe('failuresIn', () => {
  it('names every scenario with errors', () => {
    expect(failuresIn([scenario('send', 1, 1), scenario('mixed', 1, 1, 3)])).toEqual([
      'mixed: 3 errors, 0 timeouts, 0 non-2xx',
    ]);
  });
});

describe('cassandraCpuPerOperation', () => {
  const withCassandra = (result: ScenarioResult, cpu: number): ScenarioResult => ({
    ...result,
    processes: { cassandra: { cpu_avg_pct: cpu, cpu_peak_pct: cpu, rss_peak_mb: 1 } },
  });

  it("turns the node's CPU into milliseconds per operation and flags an API side more than 10 % from the baseline at its rate", () => {
    const figures = cassandraCpuPerOperation(
      [
        withCassandra(scenario('send', 1000, 1), 100),
        withCassandra(scenario('driver_send', 4000, 1), 120),
        withCassandra(scenario('history_head', 2000, 1), 100),
        withCassandra(scenario('driver_history_head', 4000, 1), 190),
      ],
      {
        send: { requests_per_s: 1000, cassandra_cpu_pct: 95 },
        history_head: { requests_per_s: 2000, cassandra_cpu_pct: 80 },
      },
    );
    expect(figures).toEqual({
      send: { service_ms: 1, driver_ms: 0.3, driver_at_api_rate_ms: 0.95, differs: false },
      history_head: { service_ms: 0.5, driver_ms: 0.475, driver_at_api_rate_ms: 0.4, differs: true },
      conversations_head: { service_ms: null, driver_ms: null, driver_at_api_rate_ms: null, differs: null },
    });
  });

  it('leaves a pair unjudged when its baseline did not run at the API rate', () => {
    expect(cassandraCpuPerOperation([withCassandra(scenario('send', 1000, 1), 100)], {}).send).toEqual({
      service_ms: 1,
      driver_ms: null,
      driver_at_api_rate_ms: null,
      differs: null,
    });
  });
});
