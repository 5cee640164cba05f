import { Client } from 'cassandra-driver';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { startCluster } from '../scripts/cassandra/cluster';
import { buildService } from '../scripts/seed/service-build';
import { clientOptions } from '../src/cassandra/cassandra-client.factory';
import { validateEnvironment } from '../src/config/environment';
import { parseBenchOptions, USAGE } from './bench-options';
import { findCassandraPid } from './cassandra-pid';
import { prepareBenchData } from './bench-data';
import { deepConversationId, DEEP, LIST, PAIRS } from './bench-plan';
import { HISTORY_LIMIT } from './driver/driver-workloads';
import { repositoryCql } from './driver/repository-cql';
import { describeMachine } from './machine';
import { terminalReport } from './report/terminal-table';
import { writeReports } from './report/write-reports';
import {
  BenchResults,
  cassandraCpuPerOperation,
  COMPARED,
  computeRatios,
  failuresIn,
  GOALS,
} from './results';
import { runScenarios, warmUpRun } from './run-scenarios';
import { contentPool, Scenario, scenarios } from './scenarios';
import { ServiceProcess } from './service-process';
import { findTargets } from './targets';
import { waitForQuiet } from './node-quiet';
import { compareNodeWork, ComparedPair } from './node-work-check';

/** The bench's own keyspace: kept between runs while it holds the current bench data, dropped otherwise. */
const KEYSPACE = 'messenger_bench';
const RESULTS_DIR = path.join(__dirname, 'results');

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const secondsSince = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return log(USAGE);
  const options = parseBenchOptions(process.argv.slice(2));
  const startedAt = Date.now();
  const { connections, warmupSeconds, durationSeconds } = options.load;
  log(
    `Benchmark, ${options.mode} mode: ${connections} connections, ${warmupSeconds} s warm-up + ${durationSeconds} s per scenario`,
  );

  // The local node: started if nothing answers, left alone if it does.
  await startCluster({ log: (line) => log(`  ${line}`) });
  buildService();
  log(`Built the service (${secondsSince(startedAt)} so far)`);

  const config = validateEnvironment({ ...process.env, CASSANDRA_KEYSPACE: KEYSPACE }).cassandra;
  const cassandraPid = findCassandraPid(config.port);
  const admin = new Client(clientOptions(config));
  let driver: Client | undefined;
  let service: ServiceProcess | undefined;
  try {
    await admin.connect();
    const machine = await describeMachine(admin, cassandraPid);
    const cql = repositoryCql();
    const contents = contentPool();
    const data = await prepareBenchData(config, admin, cql, contents, log);
    // The baselines' client has the service's own options: consistency, pooling, prepared statements.
    driver = data.driver;
    // A fresh seed leaves the node flushing and compacting for a while; measure after that.
    const settle = await waitForQuiet(
      { cassandra: cassandraPid, load_generator: process.pid },
      data.reused ? 10 : options.settle.afterSeedSeconds,
    );
    log(`Node and machine ${settle.quiet ? 'quiet' : 'still busy'} after ${settle.seconds.toFixed(0)} s`);

    const profileStart = performance.now();
    service = await ServiceProcess.start(KEYSPACE, options.cpuProfile ? { cpuProfileDir: RESULTS_DIR } : {});
    const walkStartedAt = Date.now();
    const targets = await findTargets(service.baseUrl);
    log(
      `Walked ${DEEP.depth} messages and ${LIST.depth} conversations down for the cursors in ${secondsSince(walkStartedAt)}`,
    );

    const all = scenarios(targets, contents, driver, cql);
    const chosen =
      options.only.length === 0 ? all : all.filter((scenario) => options.only.includes(scenario.id));
    if (chosen.length === 0)
      throw new RangeError(`--only matches none of: ${all.map((s) => s.id).join(', ')}`);
    const warmUpStartedAt = Date.now();
    await warmUpRun(chosen, service.baseUrl, options.load, options.runWarmupSeconds);
    log(`Warm-up pass: ${options.runWarmupSeconds} s of each scenario in ${secondsSince(warmUpStartedAt)}`);
    const nodeWork = await compareNodeWork(admin, KEYSPACE, service.baseUrl, comparedPairs(all));
    for (const [operation, comparison] of Object.entries(nodeWork)) {
      log(
        `Node work per ${operation}: service ${comparison.service.reads_total} reads, ${comparison.service.writes_total} writes; ` +
          `baseline ${comparison.driver.reads_total} reads, ${comparison.driver.writes_total} writes` +
          (comparison.differences.length > 0 ? ` (differ: ${comparison.differences.join('; ')})` : ''),
      );
    }
    const pids = { service: service.pid, cassandra: cassandraPid, load_generator: process.pid };
    const runSettings = {
      load: options.load,
      settleSeconds: options.settle.beforeScenarioSeconds,
      remeasureLimit: options.remeasureLimit,
    };
    const run = await runScenarios(chosen, service.baseUrl, runSettings, pids, profileStart, log);

    // autocannon drops its connections at the end of a run; let the service finish the requests it holds.
    await sleep(1500);
    await service.stop();

    const results: BenchResults = {
      generated_at: new Date().toISOString(),
      mode: options.mode,
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      settings: {
        connections,
        warmup_s: warmupSeconds,
        duration_s: durationSeconds,
        run_warmup_s: options.runWarmupSeconds,
      },
      machine,
      data: {
        keyspace: KEYSPACE,
        seeding: data.reused ? 'reused from an earlier run' : 'seeded by this run',
        seed_summary: data.seedSummary,
        deep_conversation: `${deepConversationId}: ${DEEP.perDay * DEEP.days} messages, ${DEEP.perDay} on each of ${DEEP.days} days; deep pages ${DEEP.depth} messages back`,
        list_user: `user ${LIST.userId}: ${LIST.conversations} conversations; deep page ${LIST.depth} conversations down`,
        send_pairs: `${PAIRS.count} pairs of users with a conversation each`,
        node_before_scenarios: `${settle.quiet ? 'quiet' : 'still busy'} after waiting ${settle.seconds.toFixed(0)} s`,
        page_size: HISTORY_LIMIT,
      },
      round_trips: data.roundTrips,
      node_work: nodeWork,
      cassandra_cpu_per_operation: cassandraCpuPerOperation(run.results, run.paced),
      ratios: computeRatios(run.results),
      goals: GOALS,
      scenarios: run.results,
      failures: failuresIn(run.results),
      service_log: service.log,
      elapsed_s: (Date.now() - startedAt) / 1000,
    };
    log(`\n${terminalReport(results)}\n`);
    if (service.log.trim() !== '') log(`The service logged:\n${service.log.trim().slice(-4000)}\n`);
    if (options.writeResults) {
      const files = writeReports(RESULTS_DIR, results);
      log(
        `Wrote ${files.map((file) => `bench/results/${file}`).join(', ')} (${secondsSince(startedAt)} in all)`,
      );
    }
    if (options.cpuProfile) {
      const profile = readdirSync(RESULTS_DIR)
        .filter((file) => file.endsWith('.cpuprofile'))
        .sort()
        .pop();
      log(
        `CPU profile of the service: bench/results/${profile}\n` +
          'Summarise one scenario with npx tsx bench/profile-summary.ts FILE --window FROM-TO:\n' +
          run.windows
            .map(
              (window) =>
                `  ${window.id.padEnd(26)} --window ${window.fromMs}-${window.toMs}` +
                (window.discarded ? '  (measured again: not in the figures)' : ''),
            )
            .join('\n'),
      );
    }
    if (results.failures.length > 0) {
      throw new Error(
        `scenarios answered with errors or non-2xx statuses, so their figures are not valid:\n  ${results.failures.join('\n  ')}`,
      );
    }
  } finally {
    await service?.stop();
    await driver?.shutdown();
    await admin.shutdown();
  }
}

/** The API operations that have a driver baseline, with both sides' requests. */
function comparedPairs(all: readonly Scenario[]): ComparedPair[] {
  const byId = new Map(all.map((scenario) => [scenario.id, scenario]));
  return COMPARED.flatMap(({ operation, api, driver }) => {
    const http = byId.get(api);
    const baseline = byId.get(driver);
    if (http?.via !== 'http' || baseline?.via !== 'driver') return [];
    const { request } = http;
    return [
      {
        operation,
        request: typeof request === 'function' ? request : () => request,
        baseline: baseline.operation,
      },
    ];
  });
}

main().catch((error: unknown) => {
  console.error(`\nBENCHMARK FAILED: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && !(error instanceof RangeError) && error.stack) console.error(error.stack);
  process.exit(1);
});
