import { stopNodes } from '../../scripts/cassandra/cluster';
import { NodeLayout } from '../../scripts/cassandra/layout';

/** Stops only the node the global setup started; a node that was already running is left alone. */
export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { startedCassandraNodes?: NodeLayout[] }).startedCassandraNodes ?? [];
  if (started.length > 0) await stopNodes(started, (line) => console.log(`e2e: ${line}`));
}
