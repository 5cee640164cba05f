import { Client } from 'cassandra-driver';

/**
 * A keyspace's record of being seeded: one row, written before the first message ("seeding") and
 * completed after the last ("complete"). It lives in the seeded keyspace, so dropping the keyspace
 * drops the record with the data; the service never reads it.
 */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS seed_marker (
  name text PRIMARY KEY, description text, state text, started_at timestamp, finished_at timestamp, summary text)`;
const CLAIM = `INSERT INTO seed_marker (name, description, state, started_at) VALUES ('seed', ?, 'seeding', ?) IF NOT EXISTS`;
const COMPLETE = `UPDATE seed_marker SET state = 'complete', finished_at = ?, summary = ? WHERE name = 'seed'`;
const READ = `SELECT description, state, started_at, finished_at, summary FROM seed_marker WHERE name = 'seed'`;

export type MarkerState =
  /** Nobody seeded the keyspace; this run has claimed it and must seed. */
  | { readonly kind: 'claimed' }
  /** A run with the same description finished: the data are there. */
  | { readonly kind: 'complete'; readonly finishedAt: Date; readonly summary: string }
  /** A run with the same description started and did not finish (it failed, was stopped, or still runs). */
  | { readonly kind: 'unfinished'; readonly startedAt: Date }
  /** The keyspace was seeded from another description. */
  | { readonly kind: 'different'; readonly description: string };

/** Claims the keyspace for seeding with `description`, unless a run already did (a lightweight transaction). */
export async function claimKeyspace(client: Client, description: string): Promise<MarkerState> {
  await client.execute(CREATE_TABLE);
  const claim = await client.execute(CLAIM, [description, new Date()], { prepare: true });
  if (claim.wasApplied()) return { kind: 'claimed' };
  const row = (await client.execute(READ, [], { prepare: true })).first();
  const recorded = row.get('description') as string;
  if (recorded !== description) return { kind: 'different', description: recorded };
  if (row.get('state') === 'complete') {
    return {
      kind: 'complete',
      finishedAt: row.get('finished_at') as Date,
      summary: row.get('summary') as string,
    };
  }
  return { kind: 'unfinished', startedAt: row.get('started_at') as Date };
}

export async function markComplete(client: Client, summary: string): Promise<void> {
  await client.execute(COMPLETE, [new Date(), summary], { prepare: true });
}
