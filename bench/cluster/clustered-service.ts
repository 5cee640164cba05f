/**
 * The built service as BENCH_WORKERS processes sharing one port through Node's cluster module (the primary
 * hands each connection to a worker in turn). Only for bench/workers.ts, which measures what more processes
 * buy on a machine the service shares with its database. SIGTERM to the primary stops every worker.
 */
import cluster from 'node:cluster';
import * as path from 'node:path';
import { DIST_DIR } from '../../scripts/seed/service-build';

const workers = Number(process.env.BENCH_WORKERS ?? '2');

if (cluster.isPrimary) {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  let running = workers;
  cluster.on('exit', () => {
    running -= 1;
    if (running === 0) process.exit(0);
  });
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  // The compiled build, as users run it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(DIST_DIR, 'main.js'));
}
