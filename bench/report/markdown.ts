import { BenchResults, meetsGoal, Ratios } from '../results';
import { count, ms } from './format';

const RATIO_MEANING: Record<keyof Ratios, string> = {
  send_api_over_driver: 'send throughput, API ÷ driver baseline',
  history_api_over_driver: 'history first-page throughput, API ÷ driver baseline',
  conversations_api_over_driver: 'conversation-list first-page throughput, API ÷ driver baseline',
  history_deep_over_head: 'history p50, 10,000 back by cursor ÷ first page',
  history_before_over_head: 'history p50, 10,000 back by before_timestamp ÷ first page',
  conversations_deep_over_head: 'conversation list p50, 4,000 deep by cursor ÷ first page',
};

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

/** The report a reader opens first: the ratios, the chart, then every figure. */
export function markdownReport(results: BenchResults, chartFile: string): string {
  const { machine, settings } = results;
  const lines: string[] = [
    '# Benchmark results',
    '',
    `\`${results.command}\` at ${results.generated_at.replace('T', ' ').slice(0, 16)} UTC, ${results.mode} mode: ` +
      `${settings.connections} connections (or concurrent driver loops) per scenario; first a warm-up pass of ` +
      `${settings.run_warmup_s} s of every scenario, then for each ${settings.warmup_s} s warm-up and ` +
      `${settings.duration_s} s measured. The whole run took ${Math.round(results.elapsed_s)} s.`,
    '',
    `Machine: ${machine.cpu_model}, ${machine.cores} cores, ${machine.memory_gb} GB; ${machine.os}; Node ${machine.node}; ` +
      `${machine.java}; Cassandra ${machine.cassandra} (one node, LOCAL_QUORUM); cassandra-driver ${machine.cassandra_driver}; ` +
      `autocannon ${machine.autocannon}. Load average at start: ${machine.load_average_at_start.join(', ')}. ` +
      'The service, the node and the load generator share these cores.',
    '',
    '## Headline ratios',
    '',
    'Each ratio compares two figures of the same run, so it holds better than absolute figures on a machine whose speed drifts.',
    '',
    row(['Ratio', 'Meaning', 'Measured', 'Goal', '']),
    row(['---', '---', '---:', '---', '---']),
    ...(Object.keys(results.ratios) as (keyof Ratios)[]).map((name) => {
      const value = results.ratios[name];
      const goal = results.goals[name];
      const met = meetsGoal(name, value);
      return row([
        `\`${name}\``,
        RATIO_MEANING[name],
        value === null ? '–' : value.toFixed(2),
        goal.at_least !== undefined ? `≥ ${goal.at_least}` : `≤ ${goal.at_most}`,
        met === null ? 'not run' : met ? 'met' : '**missed**',
      ]);
    }),
    '',
    `![Latency by scenario: p50 and p99](${chartFile})`,
    '',
    '## Every scenario',
    '',
    'CPU is in percent of one core (200% would be both cores), averaged over the measured seconds, with the busiest ' +
      'half-second as the peak; RSS is the peak resident memory. "Service" is node dist/main.js, "Cassandra" the node\'s JVM, ' +
      '"load generator" the bench process (autocannon, or the driver loops of the baselines), "others" every other ' +
      'process on the machine (neighbours on a shared machine).',
    '',
    row([
      'Scenario',
      'Via',
      'req/s',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      'Errors',
      'Non-2xx',
      'Service CPU % avg / peak',
      'Service RSS MB',
      'Cassandra CPU %',
      'Load generator CPU %',
      'Others CPU %',
    ]),
    row(['---', '---', ...Array.from({ length: 12 }, () => '---:')]),
    ...results.scenarios.map((scenario) => {
      const service = scenario.processes.service;
      return row([
        `${scenario.title} (\`${scenario.id}\`${scenario.measured_in_parts ? ', measured in halves before and after its comparisons' : ''}` +
          `${scenario.remeasured ? `, measured again ${scenario.remeasured}× as other processes were busy` : ''})`,
        scenario.via === 'http' ? 'HTTP' : 'driver',
        count(scenario.requests_per_s),
        ms(scenario.latency_ms.p50),
        ms(scenario.latency_ms.p90),
        ms(scenario.latency_ms.p99),
        ms(scenario.latency_ms.max),
        scenario.errors + scenario.timeouts,
        scenario.non_2xx,
        service ? `${service.cpu_avg_pct} / ${service.cpu_peak_pct}` : '–',
        service ? service.rss_peak_mb : '–',
        scenario.processes.cassandra?.cpu_avg_pct ?? '–',
        scenario.processes.load_generator?.cpu_avg_pct ?? '–',
        scenario.other_processes_cpu_pct ?? '–',
      ]);
    }),
  ];
  const mixed = results.scenarios.find((scenario) => scenario.by_kind);
  if (mixed?.by_kind) {
    lines.push(
      '',
      '## Mixed load by kind of request',
      '',
      row(['Kind', 'Requests', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms']),
      row(['---', '---:', '---:', '---:', '---:', '---:']),
      ...Object.entries(mixed.by_kind).map(([kind, figures]) =>
        row([
          kind,
          count(figures.requests),
          ms(figures.latency_ms.p50),
          ms(figures.latency_ms.p90),
          ms(figures.latency_ms.p99),
          ms(figures.latency_ms.max),
        ]),
      ),
    );
  }
  lines.push(
    '',
    '## Round trips to Cassandra per operation',
    '',
    "Counted on the service's own code (its services calling its repositories) and on the baseline; they must match.",
    '',
    row(['Operation', 'Service', 'Driver baseline']),
    row(['---', '---:', '---:']),
    ...Object.entries(results.round_trips).map(([operation, trips]) =>
      row([operation, trips.service, trips.driver]),
    ),
    '',
    '## What the node did per operation',
    '',
    'Counted by the Cassandra node itself (its per-table metrics in `system_views.local_read_latency` and ' +
      '`local_write_latency`, read before and after) over ' +
      `${Object.values(results.node_work)[0]?.service.operations ?? 0} operations of each side, with nothing else running. ` +
      'A table whose reads or writes per operation differ by more than 10 % between the two sides is flagged.',
    '',
    row(['Operation', 'Table', 'Service reads', 'Baseline reads', 'Service writes', 'Baseline writes', '']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---']),
    ...Object.entries(results.node_work).flatMap(([operation, { service, driver, differences }]) => {
      const tables = [
        ...new Set([service.reads, service.writes, driver.reads, driver.writes].flatMap(Object.keys)),
      ].sort();
      const flagged = (table: string) => differences.some((difference) => difference.startsWith(`${table} `));
      return [
        ...tables.map((table) =>
          row([
            operation,
            table,
            service.reads[table] ?? 0,
            driver.reads[table] ?? 0,
            service.writes[table] ?? 0,
            driver.writes[table] ?? 0,
            flagged(table) ? '**differs**' : '',
          ]),
        ),
        row([
          operation,
          '**all**',
          service.reads_total,
          driver.reads_total,
          service.writes_total,
          driver.writes_total,
          '',
        ]),
      ];
    }),
    '',
    '## Cassandra CPU per operation',
    '',
    "The node's CPU while each side was measured, per operation (CPU % of a core × 10 ÷ req/s = ms). The node's " +
      'CPU per operation falls as its rate rises (its worker threads spin while they wait for tasks), so the baseline ' +
      "runs a third time at the rate the API reached, and the API's figure is judged against that one: more than " +
      '10 % apart is flagged, as the same statements at the same rate did not cost the node the same.',
    '',
    row(['Operation', 'API ms', 'Baseline at full speed ms', "Baseline at the API's rate ms", '']),
    row(['---', '---:', '---:', '---:', '---']),
    ...Object.entries(results.cassandra_cpu_per_operation).map(([operation, figures]) =>
      row([
        operation,
        figures.service_ms?.toFixed(3) ?? '–',
        figures.driver_ms?.toFixed(3) ?? '–',
        figures.driver_at_api_rate_ms?.toFixed(3) ?? '–',
        figures.differs === null ? 'not run' : figures.differs ? '**differs**' : 'same',
      ]),
    ),
    '',
    '## By concurrency and by number of processes',
    '',
    'Measured apart, by `npm run bench:scale` ([scale.md](scale.md)) and `npm run bench:workers` ' +
      '([workers.md](workers.md)), on the same data:',
    '',
    '![Requests per second by connections](scale-throughput.svg)',
    '',
    '![p99 latency by connections](scale-p99.svg)',
    '',
    '## Data',
    '',
    ...Object.entries(results.data).map(([key, value]) => `- ${key}: ${String(value).replace(/\n/g, '; ')}`),
  );
  if (results.failures.length > 0) {
    lines.push('', '## Failures', '', ...results.failures.map((failure) => `- ${failure}`));
  }
  if (results.service_log.trim() !== '') {
    lines.push(
      '',
      '## Service log (warnings and errors)',
      '',
      '```',
      results.service_log.trim().slice(-4000),
      '```',
    );
  }
  lines.push(
    '',
    '## How to read this',
    '',
    '- The throughput ratios say how much of what the Cassandra node can do for the same statements at the same ' +
      'concurrency the API delivers; the rest is the cost of HTTP, Nest, validation, mapping and JSON in one Node process.',
    '- The depth ratios say whether a page far down a list costs more than the first page: near 1 means it does not.',
    '- Absolute figures depend on the machine and on what else runs on it; compare runs by their ratios.',
    '- See bench/README.md for how the run works and how to profile the service.',
    '',
  );
  return lines.join('\n');
}
