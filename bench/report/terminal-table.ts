import { BenchResults, meetsGoal, Ratios } from '../results';
import { count, ms } from './format';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** The figures as a plain-text table, and the ratios against their goals. */
export function terminalReport(results: BenchResults): string {
  const rows = results.scenarios.map((scenario) => {
    const service = scenario.processes.service;
    const cassandra = scenario.processes.cassandra;
    const generator = scenario.processes.load_generator;
    return [
      scenario.id,
      scenario.via,
      count(scenario.requests_per_s),
      ms(scenario.latency_ms.p50),
      ms(scenario.latency_ms.p90),
      ms(scenario.latency_ms.p99),
      ms(scenario.latency_ms.max),
      String(scenario.errors + scenario.timeouts),
      String(scenario.non_2xx),
      service ? `${service.cpu_avg_pct}/${service.cpu_peak_pct}` : '-',
      service ? String(service.rss_peak_mb) : '-',
      cassandra ? String(cassandra.cpu_avg_pct) : '-',
      generator ? String(generator.cpu_avg_pct) : '-',
      scenario.other_processes_cpu_pct === null ? '-' : String(scenario.other_processes_cpu_pct),
    ];
  });
  const ratioRows = (Object.keys(results.ratios) as (keyof Ratios)[]).map((name) => {
    const value = results.ratios[name];
    const goal = results.goals[name];
    const met = meetsGoal(name, value);
    return [
      name,
      value === null ? '-' : value.toFixed(2),
      goal.at_least !== undefined ? `>= ${goal.at_least}` : `<= ${goal.at_most}`,
      met === null ? 'not run' : met ? 'met' : 'MISSED',
    ];
  });
  return [
    table(
      [
        'scenario',
        'via',
        'req/s',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'errors',
        'non-2xx',
        'svc CPU% avg/peak',
        'svc RSS MB',
        'db CPU%',
        'load gen CPU%',
        'others CPU%',
      ],
      rows,
    ),
    '',
    table(['ratio', 'measured', 'goal', ''], ratioRows),
    '',
    table(
      ['Cassandra CPU ms per op', 'API', 'baseline', "baseline at API's rate", ''],
      Object.entries(results.cassandra_cpu_per_operation).map(([operation, figures]) => [
        operation,
        figures.service_ms?.toFixed(3) ?? '-',
        figures.driver_ms?.toFixed(3) ?? '-',
        figures.driver_at_api_rate_ms?.toFixed(3) ?? '-',
        figures.differs === null ? 'not run' : figures.differs ? 'DIFFERS' : 'same',
      ]),
    ),
  ].join('\n');
}
