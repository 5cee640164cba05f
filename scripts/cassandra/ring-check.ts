/**
 * Proves the local three-node ring tolerates the loss of one node: writes at QUORUM with RF 3
 * keep succeeding while node 3 is killed, and node 3 rejoins and serves the writes it missed.
 * Run against a ring started by `npm run db:start -- --nodes 3`: `npm run db:ring-check`.
 */
import { Client, types } from 'cassandra-driver';
import { nodeCommand } from './cluster';
import { askCassandra } from './cql-probe';
import { DATA_CENTER, nodeLayout, readSettings } from './layout';

const KEYSPACE = 'ring_check';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Idempotent writes: the driver may retry one on another coordinator when the node it was sent to dies. */
async function writeBatch(client: Client, from: number, count: number): Promise<void> {
  const insert = `INSERT INTO ${KEYSPACE}.items (id, value) VALUES (?, ?)`;
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      client.execute(insert, [from + i, `value ${from + i}`], {
        prepare: true,
        isIdempotent: true,
        consistency: types.consistencies.quorum,
      }),
    ),
  );
}

async function main(): Promise<void> {
  const port = readSettings(3).cqlPort;
  const nodes = [1, 2, 3].map((index) => nodeLayout(index));
  const client = new Client({
    contactPoints: nodes.map((node) => `${node.address}:${port}`),
    localDataCenter: DATA_CENTER,
    socketOptions: { readTimeout: 4000 },
  });
  await client.connect();
  try {
    await client.execute(
      `CREATE KEYSPACE IF NOT EXISTS ${KEYSPACE} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 3}`,
    );
    await client.execute(`CREATE TABLE IF NOT EXISTS ${KEYSPACE}.items (id int PRIMARY KEY, value text)`);
    await client.execute(`TRUNCATE ${KEYSPACE}.items`);

    await writeBatch(client, 0, 200);
    console.log('200 writes at QUORUM with all three nodes up: ok');

    await nodeCommand('kill', 3);
    await writeBatch(client, 200, 200);
    console.log('200 writes at QUORUM with node3 killed: ok');

    const started = Date.now();
    await nodeCommand('start', 3);
    for (;;) {
      const answer = await askCassandra(nodes[2].address, port);
      if (answer && answer.peers.length === 2) break;
      if (Date.now() - started > 120_000) throw new Error('node3 did not rejoin within 120 s');
      await sleep(500);
    }
    console.log(`node3 rejoined the ring in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // Reading at ALL needs node3's answer too: hints and read repair bring it the writes it missed.
    const select = `SELECT value FROM ${KEYSPACE}.items WHERE id = ?`;
    const found = await Promise.all(
      Array.from({ length: 400 }, (_, id) =>
        client.execute(select, [id], {
          prepare: true,
          isIdempotent: true,
          consistency: types.consistencies.all,
        }),
      ),
    );
    const missing = found.filter((result) => result.rowLength !== 1).length;
    if (missing > 0) throw new Error(`${missing} of 400 rows missing at consistency ALL after the rejoin`);
    console.log('all 400 rows read back one by one at consistency ALL after the rejoin: ok');
    await client.execute(`DROP KEYSPACE ${KEYSPACE}`);
  } finally {
    await client.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error('Ring check failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
