import { Client } from 'cassandra-driver';
import { clientOptions } from '../src/cassandra/cassandra-client.factory';
import { loadMigrations, MIGRATIONS_DIR, parseMigration } from '../src/cassandra/migration-files';
import { createKeyspace, SchemaMigrator } from '../src/cassandra/schema-migrator';
import { validateEnvironment } from '../src/config/environment';
import { freshKeyspace, rawClient } from './support/test-app';

describe('schema migrations', () => {
  const keyspace = freshKeyspace();
  const config = { ...validateEnvironment({ ...process.env, CASSANDRA_KEYSPACE: keyspace }).cassandra };
  const clients: Client[] = [];

  const connect = async () => {
    const client = new Client(clientOptions(config, keyspace));
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const admin = await rawClient();
    try {
      await createKeyspace(admin, config);
    } finally {
      await admin.shutdown();
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.shutdown()));
    const admin = await rawClient();
    await admin.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
    await admin.shutdown();
  });

  it('applies each migration once when two instances boot at the same moment', async () => {
    const migrations = loadMigrations(MIGRATIONS_DIR);
    const [a, b] = await Promise.all([connect(), connect()]);
    const applied = await Promise.all([
      new SchemaMigrator(a).migrate(migrations),
      new SchemaMigrator(b).migrate(migrations),
    ]);
    expect(applied.reduce((sum, n) => sum + n, 0)).toBe(migrations.length);
    const rows = await a.execute('SELECT version FROM schema_migrations');
    expect(rows.rows.map((row) => row.get('version') as number).sort((x, y) => x - y)).toEqual(
      migrations.map((m) => m.version),
    );
    const tables = await a.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [
      keyspace,
    ]);
    expect(tables.rows.map((row) => row.get('table_name'))).toEqual(
      expect.arrayContaining([
        'conversations',
        'conversations_by_user',
        'messages_by_conversation',
        'conversation_buckets',
        'users',
        'users_by_username',
        'users_by_username_prefix',
        'refresh_tokens',
        'refresh_token_families',
        'conversation_members',
        'message_requests',
      ]),
    );
    expect(await new SchemaMigrator(a).migrate(migrations)).toBe(0);
  });

  it('refuses to start when an applied migration file was changed', async () => {
    const client = await connect();
    const [first, ...rest] = loadMigrations(MIGRATIONS_DIR);
    const edited = parseMigration(
      '0001__create_messenger_tables.cql',
      `${first.statements.join(';\n')};\n-- edited\n`,
    );
    await expect(new SchemaMigrator(client).migrate([edited, ...rest])).rejects.toThrow(
      /changed after it was applied/,
    );
    // The lock was released: a correct set still runs.
    expect(await new SchemaMigrator(client).migrate([first, ...rest])).toBe(0);
  });
});
