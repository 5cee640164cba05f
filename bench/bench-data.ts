import { Client } from 'cassandra-driver';
import { CassandraConfig } from '../src/config/app-config';
import { clientOptions } from '../src/cassandra/cassandra-client.factory';
import { seedKeyspace } from '../scripts/seed/seed-keyspace';
import { openServiceContext, SEED_CALLER } from '../scripts/seed/service-context';
import { dropUnlessReusable } from './bench-keyspace';
import { benchPlan, deepConversationId, PAIRS } from './bench-plan';
import { driverHistoryHead, driverSend, HISTORY_LIMIT } from './driver/driver-workloads';
import { RepositoryCql } from './driver/repository-cql';
import { countRoundTrips } from './round-trips';

export type RoundTrips = Record<string, { service: number; driver: number }>;

export interface BenchData {
  /** A client for the driver baselines, with the service's own options, on the seeded keyspace. */
  readonly driver: Client;
  readonly reused: boolean;
  readonly seedSummary: string;
  readonly roundTrips: RoundTrips;
}

/**
 * Makes the bench keyspace hold the bench data (reused, or dropped and seeded through the service's own
 * code), connects the baseline's client, then counts the requests one send and one first-page read make to
 * Cassandra on the service's code and on the baseline. Throws when they differ: the comparison would say
 * nothing. `admin` is a client bound to no keyspace.
 */
export async function prepareBenchData(
  config: CassandraConfig,
  admin: Client,
  cql: RepositoryCql,
  contents: readonly string[],
  log: (line: string) => void,
): Promise<BenchData> {
  const keyspace = config.keyspace;
  const plan = benchPlan(Date.now());
  const state = await dropUnlessReusable(admin, keyspace, JSON.stringify(plan.description));
  log(
    state === 'reuse'
      ? `Keyspace ${keyspace} holds the bench data already`
      : `Seeding keyspace ${keyspace} ...`,
  );
  const startedAt = Date.now();
  const context = await openServiceContext(keyspace);
  const driver = new Client(clientOptions(config, keyspace));
  try {
    const outcome = await seedKeyspace(context, plan, { concurrency: 32 });
    log(
      `${outcome.kind === 'seeded' ? 'Seeded' : 'Checked'} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ` +
        outcome.summary.split('\n')[0],
    );
    await driver.connect();
    // One send in 16 also counts into its bucket (two more requests), drawn by Math.random on each side:
    // pinned for the count so both sides take the common path.
    const random = Math.random;
    Math.random = () => 0.5;
    let roundTrips: RoundTrips;
    try {
      roundTrips = {
        send: {
          service: await countRoundTrips(context.client, () =>
            context.messages.send(SEED_CALLER, {
              senderId: PAIRS.firstA,
              receiverId: PAIRS.firstB,
              content: contents[0],
            }),
          ),
          driver: await countRoundTrips(driver, () => driverSend(driver, cql, contents)(0)),
        },
        history_head: {
          service: await countRoundTrips(context.client, () =>
            context.history.listHistory(deepConversationId, SEED_CALLER, { limit: HISTORY_LIMIT }),
          ),
          driver: await countRoundTrips(driver, () => driverHistoryHead(driver, cql)()),
        },
      };
    } finally {
      Math.random = random;
    }
    for (const [operation, trips] of Object.entries(roundTrips)) {
      if (trips.service !== trips.driver) {
        await driver.shutdown();
        throw new Error(
          `${operation}: the service makes ${trips.service} requests to Cassandra and the baseline ${trips.driver}; ` +
            'bench/driver/driver-workloads.ts no longer does what the service does',
        );
      }
    }
    return { driver, reused: outcome.kind === 'already-seeded', seedSummary: outcome.summary, roundTrips };
  } finally {
    await context.close();
  }
}
