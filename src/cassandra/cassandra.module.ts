import { Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from 'cassandra-driver';
import { AppConfig } from '../config/app-config';
import { connectClient } from './cassandra-client.factory';
import { boundByRequestDeadline } from './deadline-bound-client';
import { CASSANDRA_CLIENT } from './cassandra.tokens';
import { loadMigrations, MIGRATIONS_DIR } from './migration-files';
import { createKeyspace, SchemaMigrator } from './schema-migrator';

/** Connects, creates the keyspace and applies pending migrations before the application listens. */
async function connectAndMigrate(config: ConfigService<AppConfig, true>): Promise<Client> {
  const logger = new Logger('CassandraModule');
  const cassandra = config.get('cassandra', { infer: true });
  const bootstrap = await connectClient(cassandra);
  try {
    await createKeyspace(bootstrap, cassandra);
  } finally {
    await bootstrap.shutdown();
  }
  const client = await connectClient(cassandra, cassandra.keyspace);
  try {
    const applied = await new SchemaMigrator(client).migrate(loadMigrations(MIGRATIONS_DIR));
    logger.log(
      `Connected to ${cassandra.contactPoints.join(',')}:${cassandra.port}, keyspace ${cassandra.keyspace}; ` +
        `${applied} migration(s) applied`,
    );
  } catch (error) {
    await client.shutdown();
    throw error;
  }
  return boundByRequestDeadline(client, cassandra.requestTimeoutMs);
}

class CassandraShutdown implements OnApplicationShutdown {
  constructor(@Inject(CASSANDRA_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.shutdown();
  }
}

@Module({
  providers: [
    { provide: CASSANDRA_CLIENT, inject: [ConfigService], useFactory: connectAndMigrate },
    CassandraShutdown,
  ],
  exports: [CASSANDRA_CLIENT],
})
export class CassandraModule {}
