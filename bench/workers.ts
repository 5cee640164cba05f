/**
 * What more service processes buy on this machine (npm run bench:workers): the main bench's send, first
 * history page and first list page, each with 32 connections, against the built service as one process and
 * as two behind one port (Node's cluster module, bench/cluster/clustered-service.ts), in alternating
 * rounds (A B A B) so drift of the machine weighs on both alike. The two cores are shared with the
 * Cassandra node and the load generator. Writes bench/results/workers.md.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { openBenchSession } from './bench-session';
import { measureHttp } from './http-load';
import { Measurement } from './measurement';
import { ms } from './report/format';
import { scenarios } from './scenarios';
import { ServiceProcess } from './service-process';
import { findTargets } from './targets';

const KEYSPACE = 'messenger_bench';
const RESULTS = path.join(__dirname, 'results', 'workers.md');
const MEASURED = ['send', 'history_head', 'conversations_head'];
const ROUNDS = 2;
const LOAD = { connections: 32, warmupSeconds: 2, durationSeconds: 5 };
const log = (line: string) => console.log(line);

/** The processes that serve: the one service, or the workers of a clustered one (its children). */
function servingPids(service: ServiceProcess, workers: number): Record<string, number> {
  if (workers === 1) return { service_1: service.pid };
  const children = execFileSync('pgrep', ['-P', String(service.pid)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map(Number);
  return Object.fromEntries(children.map((pid, i) => [`service_${i + 1}`, pid]));
}

async function startService(workers: number): Promise<ServiceProcess> {
  if (workers === 1) return ServiceProcess.start(KEYSPACE);
  return ServiceProcess.start(KEYSPACE, {
    entry: ['--require', 'tsx/cjs', path.join(__dirname, 'cluster', 'clustered-service.ts')],
    env: { BENCH_WORKERS: String(workers) },
  });
}

async function main(): Promise<void> {
  const session = await openBenchSession(KEYSPACE, log);
  const { cassandraPid, cql, contents, data } = session;
  const parts = new Map<string, Measurement[]>();
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const workers of [1, 2]) {
        const service = await startService(workers);
        try {
          const targets = await findTargets(service.baseUrl);
          const chosen = scenarios(targets, contents, data.driver, cql).filter(
            (scenario) => MEASURED.includes(scenario.id) && scenario.via === 'http',
          );
          const pids = { ...servingPids(service, workers), cassandra: cassandraPid };
          for (const scenario of chosen) {
            if (scenario.via !== 'http') continue;
            const measurement = await measureHttp(
              service.baseUrl,
              scenario,
              LOAD,
              LOAD.durationSeconds,
              pids,
            );
            const key = `${scenario.id}/${workers}`;
            parts.set(key, [...(parts.get(key) ?? []), measurement]);
            log(
              `  round ${round + 1}, ${workers} process(es), ${scenario.id}: ${Math.round(measurement.all.count / measurement.seconds)} req/s`,
            );
          }
        } finally {
          await service.stop();
        }
      }
    }
  } finally {
    await session.close();
  }

  const rows: string[] = [];
  for (const id of MEASURED) {
    const rates: number[] = [];
    for (const workers of [1, 2]) {
      const measured = parts.get(`${id}/${workers}`) ?? [];
      const requests = measured.reduce((sum, part) => sum + part.all.count, 0);
      const seconds = measured.reduce((sum, part) => sum + part.seconds, 0);
      const p99s = measured.map((part) => part.all.summary().p99);
      const p50s = measured.map((part) => part.all.summary().p50);
      const cpu = (name: (key: string) => boolean) =>
        Math.round(
          measured.reduce(
            (sum, part) =>
              sum +
              Object.entries(part.processes)
                .filter(([key]) => name(key))
                .reduce((total, [, usage]) => total + usage.cpu_avg_pct, 0),
            0,
          ) / measured.length,
        );
      const rate = requests / seconds;
      rates.push(rate);
      rows.push(
        `| ${id} | ${workers} | ${Math.round(rate)} | ${ms(Math.max(...p50s))} | ${ms(Math.max(...p99s))} | ` +
          `${cpu((key) => key.startsWith('service'))} | ${cpu((key) => key === 'cassandra')} | ` +
          `${workers === 1 ? '' : `${(rate / rates[0]).toFixed(2)} ×`} |`,
      );
    }
  }
  const report = [
    '# One service process or two',
    '',
    `Measured by \`npm run bench:workers\` on ${new Date().toISOString().slice(0, 10)}: the main bench's scenarios ` +
      `(its data in \`${KEYSPACE}\`), ${LOAD.connections} connections, ${LOAD.warmupSeconds} s warm-up and ` +
      `${LOAD.durationSeconds} s measured, ${ROUNDS} rounds alternating one process and two (Node's cluster ` +
      'module, one port). p50 and p99 are the worst of the rounds; CPU is in percent of one core, averaged, the ' +
      "service's summed over its processes. The machine's two cores also run the Cassandra node and the load " +
      'generator.',
    '',
    '| Scenario | Processes | req/s | p50 ms | p99 ms | Service CPU % | Cassandra CPU % | Two over one |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(RESULTS, report);
  log(report);
}

main().catch((error: unknown) => {
  console.error('Workers bench failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
