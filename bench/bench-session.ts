import { Client } from 'cassandra-driver';
import { startCluster } from '../scripts/cassandra/cluster';
import { buildService } from '../scripts/seed/service-build';
import { clientOptions } from '../src/cassandra/cassandra-client.factory';
import { validateEnvironment } from '../src/config/environment';
import { BenchData, prepareBenchData } from './bench-data';
import { findCassandraPid } from './cassandra-pid';
import { repositoryCql, RepositoryCql } from './driver/repository-cql';
import { contentPool } from './scenarios';

/** What a bench on the main bench's data starts from: the node, a fresh build, the data, a client. */
export interface BenchSession {
  readonly cassandraPid: number | undefined;
  readonly cql: RepositoryCql;
  readonly contents: readonly string[];
  readonly data: BenchData;
  /** Shuts the clients down. */
  close(): Promise<void>;
}

/**
 * Starts the local node if nothing answers, builds the service and makes `keyspace` hold the main bench's
 * data (reused, or seeded), as npm run bench does: for the benches that measure on that same data.
 */
export async function openBenchSession(keyspace: string, log: (line: string) => void): Promise<BenchSession> {
  await startCluster({ log: (line) => log(`  ${line}`) });
  buildService();
  const config = validateEnvironment({ ...process.env, CASSANDRA_KEYSPACE: keyspace }).cassandra;
  const admin = new Client(clientOptions(config));
  await admin.connect();
  const cql = repositoryCql();
  const contents = contentPool();
  try {
    const data = await prepareBenchData(config, admin, cql, contents, log);
    return {
      cassandraPid: findCassandraPid(config.port),
      cql,
      contents,
      data,
      close: async () => {
        await data.driver.shutdown();
        await admin.shutdown();
      },
    };
  } catch (error) {
    await admin.shutdown();
    throw error;
  }
}
