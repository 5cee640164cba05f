import { stopNodes } from '../../scripts/cassandra/cluster';
import { NodeLayout } from '../../scripts/cassandra/layout';
import { stopRedis } from '../../scripts/redis/local-redis';

/** Stops only what the global setup started; a node or a Redis that was already running is left alone. */
export default async function globalTeardown(): Promise<void> {
  if ((globalThis as { startedRedis?: boolean }).startedRedis)
    await stopRedis((line) => console.log(`e2e: ${line}`));
  const started = (globalThis as { startedCassandraNodes?: NodeLayout[] }).startedCassandraNodes ?? [];
  if (started.length > 0) await stopNodes(started, (line) => console.log(`e2e: ${line}`));
}
