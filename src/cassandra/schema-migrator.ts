import { Logger } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { CassandraConfig } from '../config/app-config';
import { replicationCql } from '../config/replication';
import { Migration } from './migration-files';

const LOCK_NAME = 'schema';
const LOCK_TTL_SECONDS = 120;
const LOCK_WAIT_MS = 120_000;
const TABLE_ID_NAMESPACE = '5a1d0b6e-2f4c-4c1e-9f0a-6d3c2b1a0000';

/**
 * Table ids derived from the keyspace and table names (ids are unique cluster-wide): two instances
 * that create a tracking table at the same moment through different coordinators then create the
 * same table, instead of two tables whose schemas disagree.
 */
function trackingTableId(keyspace: string, table: string): string {
  return uuidv5(`${keyspace}.${table}`, TABLE_ID_NAMESPACE);
}

/** The keyspace comes from configuration (replication differs per environment), not from a migration file. */
export async function createKeyspace(client: Client, config: CassandraConfig): Promise<void> {
  await client.execute(
    `CREATE KEYSPACE IF NOT EXISTS ${config.keyspace} WITH replication = ${replicationCql(config.replication)}`,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies versioned CQL migrations once each, in order, under a lock (a lightweight-transaction row
 * with a TTL, so a crashed instance cannot hold it forever), and records each with its checksum.
 */
export class SchemaMigrator {
  private readonly logger = new Logger(SchemaMigrator.name);
  private readonly owner = randomUUID();

  /** @param client a client bound to the service's keyspace (see createKeyspace) */
  constructor(private readonly client: Client) {}

  private get keyspace(): string {
    const keyspace = this.client.keyspace;
    if (!keyspace) throw new Error('the migration client must be bound to a keyspace');
    return keyspace;
  }

  async migrate(migrations: Migration[]): Promise<number> {
    await this.client.execute(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version int PRIMARY KEY, name text, checksum text, applied_at timestamp
       ) WITH ID = ${trackingTableId(this.keyspace, 'schema_migrations')}`,
    );
    await this.client.execute(
      `CREATE TABLE IF NOT EXISTS schema_migration_lock (
         name text PRIMARY KEY, owner uuid, acquired_at timestamp
       ) WITH ID = ${trackingTableId(this.keyspace, 'schema_migration_lock')}`,
    );
    await this.acquireLock();
    try {
      return await this.applyPending(migrations);
    } finally {
      await this.releaseLock();
    }
  }

  private async applyPending(migrations: Migration[]): Promise<number> {
    const applied = new Map<number, string>();
    const result = await this.client.execute(`SELECT version, checksum FROM schema_migrations`);
    for (const row of result.rows) applied.set(row.get('version') as number, row.get('checksum') as string);

    let count = 0;
    for (const migration of migrations) {
      const checksum = applied.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.version} (${migration.name}) changed after it was applied; ` +
              'restore the file and put the change in a new migration.',
          );
        }
        continue;
      }
      this.logger.log(`Applying migration ${migration.version} ${migration.name}`);
      for (const statement of migration.statements) {
        await this.client.execute(statement);
      }
      await this.client.execute(
        `INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)`,
        [migration.version, migration.name, migration.checksum, new Date()],
        { prepare: true },
      );
      count += 1;
    }
    return count;
  }

  private async acquireLock(): Promise<void> {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const result = await this.client.execute(
        `INSERT INTO schema_migration_lock (name, owner, acquired_at) VALUES (?, ?, ?)
         IF NOT EXISTS USING TTL ${LOCK_TTL_SECONDS}`,
        [LOCK_NAME, types.Uuid.fromString(this.owner), new Date()],
        { prepare: true },
      );
      if (result.wasApplied()) return;
      if (Date.now() > deadline) {
        throw new Error(`Another instance has held the schema migration lock for ${LOCK_WAIT_MS / 1000} s`);
      }
      this.logger.log('Another instance is migrating the schema; waiting for it');
      await sleep(1000);
    }
  }

  private async releaseLock(): Promise<void> {
    await this.client.execute(
      `DELETE FROM schema_migration_lock WHERE name = ? IF owner = ?`,
      [LOCK_NAME, types.Uuid.fromString(this.owner)],
      { prepare: true },
    );
  }
}
