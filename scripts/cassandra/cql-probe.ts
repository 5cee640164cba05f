import { Client, policies } from 'cassandra-driver';
import { Socket } from 'node:net';
import { DATA_CENTER } from './layout';

export interface CqlAnswer {
  readonly releaseVersion: string;
  readonly peers: string[];
}

/** Asks a real query, not just whether a port is open: the node is ready only when CQL answers. */
export async function askCassandra(
  address: string,
  port: number,
  timeoutMs = 3000,
): Promise<CqlAnswer | undefined> {
  const client = new Client({
    contactPoints: [`${address}:${port}`],
    localDataCenter: DATA_CENTER,
    // Only this node: the probe must not wander to peers and report them ready instead.
    policies: {
      loadBalancing: new policies.loadBalancing.AllowListPolicy(
        new policies.loadBalancing.RoundRobinPolicy(),
        [`${address}:${port}`],
      ),
      reconnection: new policies.reconnection.ConstantReconnectionPolicy(1000),
    },
    socketOptions: { connectTimeout: timeoutMs, readTimeout: timeoutMs },
    pooling: { warmup: false },
  });
  try {
    await client.connect();
    const local = await client.execute('SELECT release_version FROM system.local');
    const peers = await client.execute('SELECT peer FROM system.peers_v2');
    return {
      releaseVersion: String(local.first()?.get('release_version')),
      peers: peers.rows.map((row) => String(row.get('peer'))),
    };
  } catch {
    return undefined;
  } finally {
    await client.shutdown().catch(() => undefined);
  }
}

/** True when something accepts TCP connections on address:port. */
export function portIsOpen(address: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, address);
  });
}
