/**
 * How throughput, p99 and the service's memory change with concurrency (npm run bench:scale): the main
 * bench's send, first history page and first list page through the built service at 1, 8, 32 and 128
 * connections, after a warm-up pass. Writes bench/results/scale.md with two charts (scale-throughput.svg,
 * scale-p99.svg).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { openBenchSession } from './bench-session';
import { measureHttp } from './http-load';
import { count, ms } from './report/format';
import { lineChart } from './report/line-chart';
import { scenarios } from './scenarios';
import { ServiceProcess } from './service-process';
import { findTargets } from './targets';

const KEYSPACE = 'messenger_bench';
const RESULTS_DIR = path.join(__dirname, 'results');
const MEASURED = ['send', 'history_head', 'conversations_head'];
const CONNECTIONS = [1, 8, 32, 128];
const WARMUP_SECONDS = 2;
const SECONDS = 5;
const log = (line: string) => console.log(line);

interface Point {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly serviceCpu: number;
  readonly serviceRssMb: number;
  readonly cassandraCpu: number;
  readonly failures: number;
}

async function main(): Promise<void> {
  const session = await openBenchSession(KEYSPACE, log);
  const { cassandraPid, cql, contents, data } = session;
  const service = await ServiceProcess.start(KEYSPACE);
  const points = new Map<string, Point[]>();
  try {
    const targets = await findTargets(service.baseUrl);
    const chosen = scenarios(targets, contents, data.driver, cql).filter((scenario) =>
      MEASURED.includes(scenario.id),
    );
    const pids = { service: service.pid, cassandra: cassandraPid };
    // A warm-up pass first: a freshly started service and node run far slower for a while.
    for (const scenario of chosen) {
      if (scenario.via === 'http')
        await measureHttp(service.baseUrl, scenario, { connections: 32, warmupSeconds: 0 }, 5, {});
    }
    for (const scenario of chosen) {
      if (scenario.via !== 'http') continue;
      for (const connections of CONNECTIONS) {
        const part = await measureHttp(
          service.baseUrl,
          scenario,
          { connections, warmupSeconds: WARMUP_SECONDS },
          SECONDS,
          pids,
        );
        const latency = part.all.summary();
        const point: Point = {
          rate: part.all.count / part.seconds,
          p50: latency.p50,
          p99: latency.p99,
          serviceCpu: part.processes.service?.cpu_avg_pct ?? 0,
          serviceRssMb: part.processes.service?.rss_peak_mb ?? 0,
          cassandraCpu: part.processes.cassandra?.cpu_avg_pct ?? 0,
          failures: part.errors + part.timeouts + part.non2xx,
        };
        points.set(scenario.id, [...(points.get(scenario.id) ?? []), point]);
        log(`  ${scenario.id} at ${connections}: ${count(point.rate)} req/s, p99 ${ms(point.p99)} ms`);
      }
    }
  } finally {
    await service.stop();
    await session.close();
  }

  const series = (pick: (point: Point) => number) =>
    MEASURED.map((id) => ({ name: id, values: (points.get(id) ?? []).map(pick) }));
  for (const [file, title, pick] of [
    ['scale-throughput.svg', 'Requests per second by connections', (p: Point) => p.rate],
    ['scale-p99.svg', 'p99 latency (ms) by connections', (p: Point) => p.p99],
  ] as const) {
    writeFileSync(path.join(RESULTS_DIR, file), lineChart(title, 'connections', CONNECTIONS, series(pick)));
  }
  const rows = MEASURED.flatMap((id) =>
    (points.get(id) ?? []).map(
      (point, i) =>
        `| ${id} | ${CONNECTIONS[i]} | ${count(point.rate)} | ${ms(point.p50)} | ${ms(point.p99)} | ` +
        `${point.serviceCpu} | ${point.serviceRssMb} | ${point.cassandraCpu} | ${point.failures} |`,
    ),
  );
  const report = [
    '# Throughput and latency by concurrency',
    '',
    `Measured by \`npm run bench:scale\` on ${new Date().toISOString().slice(0, 10)}: the main bench's scenarios ` +
      `(its data in \`${KEYSPACE}\`) through one built service, after a warm-up pass of 5 s each at 32 connections; ` +
      `then at each concurrency ${WARMUP_SECONDS} s of warm-up and ${SECONDS} s measured. CPU is in percent of one ` +
      'core; RSS is the largest resident set of the service while measured. The service, the node and the load ' +
      'generator share two cores.',
    '',
    '![Requests per second by connections](scale-throughput.svg)',
    '',
    '![p99 latency by connections](scale-p99.svg)',
    '',
    '| Scenario | Connections | req/s | p50 ms | p99 ms | Service CPU % | Service RSS MB | Cassandra CPU % | Failures |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(path.join(RESULTS_DIR, 'scale.md'), report);
  log(report);
}

main().catch((error: unknown) => {
  console.error('Scale bench failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
