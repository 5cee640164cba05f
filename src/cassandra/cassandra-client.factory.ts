import { auth, Client, ClientOptions, policies, types } from 'cassandra-driver';
import { CassandraConfig } from '../config/app-config';

/** Options shared by the migration client and the serving client. */
export function clientOptions(config: CassandraConfig, keyspace?: string): ClientOptions {
  return {
    contactPoints: config.contactPoints,
    localDataCenter: config.localDataCenter,
    keyspace,
    protocolOptions: { port: config.port },
    authProvider: config.credentials
      ? new auth.PlainTextAuthProvider(config.credentials.username, config.credentials.password)
      : undefined,
    queryOptions: {
      consistency: types.consistencies[lowerCamel(config.consistency) as keyof typeof types.consistencies],
      serialConsistency:
        types.consistencies[lowerCamel(config.serialConsistency) as keyof typeof types.consistencies],
      prepare: true,
    },
    // A request never waits longer than this for a node: it fails, and the client gets a 503.
    socketOptions: { connectTimeout: config.requestTimeoutMs, readTimeout: config.requestTimeoutMs },
    policies: {
      // Back off from 0.5 s to 10 s between attempts to reach a lost node; the pool heals by itself.
      reconnection: new policies.reconnection.ExponentialReconnectionPolicy(500, 10_000, false),
    },
  };
}

/** LOCAL_QUORUM -> localQuorum, the key of types.consistencies. */
function lowerCamel(name: string): string {
  return name.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export async function connectClient(config: CassandraConfig, keyspace?: string): Promise<Client> {
  const client = new Client(clientOptions(config, keyspace));
  try {
    await client.connect();
  } catch (error) {
    await client.shutdown().catch(() => undefined);
    throw error;
  }
  return client;
}
