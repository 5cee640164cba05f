import { startCluster } from '../../scripts/cassandra/cluster';
import { askCassandra } from '../../scripts/cassandra/cql-probe';
import { startRedis } from '../../scripts/redis/local-redis';

/**
 * The e2e tests need a real Cassandra node: use the one at CASSANDRA_HOST:CASSANDRA_PORT if it answers,
 * otherwise start the local node and remember to stop it when the run ends.
 */
export default async function globalSetup(): Promise<void> {
  // The real-time tests need a real Redis too: the local one, started unless one answers.
  (globalThis as { startedRedis?: boolean }).startedRedis = await startRedis((line) =>
    console.log(`\ne2e: ${line}`),
  );
  const host = (process.env.CASSANDRA_HOST ?? '127.0.0.1').split(',')[0].trim();
  const port = Number(process.env.CASSANDRA_PORT ?? 9042);
  const answer = await askCassandra(host, port);
  if (answer) {
    console.log(`\ne2e: using Cassandra ${answer.releaseVersion} already answering at ${host}:${port}`);
    return;
  }
  console.log(`\ne2e: nothing answers at ${host}:${port}; starting the local Cassandra node`);
  const result = await startCluster({ nodes: 1, log: (line) => console.log(`e2e: ${line}`) });
  (globalThis as { startedCassandraNodes?: unknown }).startedCassandraNodes = result.started;
}
