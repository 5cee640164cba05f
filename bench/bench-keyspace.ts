import { Client } from 'cassandra-driver';

/**
 * The bench owns its keyspace. It keeps it between runs when it holds a finished seed of the same bench
 * data (the seed marker says so), and drops it otherwise (other data, or a seed that did not finish), so
 * a run never measures half-written or foreign data. Never used on any other keyspace.
 */
export async function dropUnlessReusable(
  client: Client,
  keyspace: string,
  description: string,
): Promise<'reuse' | 'fresh'> {
  const tables = await client.execute(
    'SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?',
    [keyspace],
    { prepare: true },
  );
  if (tables.rowLength === 0) return 'fresh';
  if (tables.rows.some((row) => row.get('table_name') === 'seed_marker')) {
    const marker = (
      await client.execute(`SELECT description, state FROM ${keyspace}.seed_marker WHERE name = 'seed'`)
    ).first();
    if (marker && marker.get('state') === 'complete' && marker.get('description') === description)
      return 'reuse';
  }
  await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`, [], { readTimeout: 60_000 });
  return 'fresh';
}
