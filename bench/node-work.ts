import { Client } from 'cassandra-driver';

/**
 * What the Cassandra node itself counted for one keyspace: local partition reads and local mutations by
 * table (its per-table metrics, system_views.local_read_latency and local_write_latency). These count what
 * the node did, whoever asked, so they say whether the service and its baseline make the node do the same.
 */
export interface NodeWork {
  readonly reads: Readonly<Record<string, number>>;
  readonly writes: Readonly<Record<string, number>>;
}

/** Reads and writes per operation, by table, and in all. */
export interface WorkPerOperation {
  readonly operations: number;
  readonly reads: Readonly<Record<string, number>>;
  readonly writes: Readonly<Record<string, number>>;
  readonly reads_total: number;
  readonly writes_total: number;
}

const METRIC_TABLES = { reads: 'local_read_latency', writes: 'local_write_latency' } as const;

export async function readNodeWork(client: Client, keyspace: string): Promise<NodeWork> {
  const read = async (table: string) => {
    const result = await client.execute(
      `SELECT table_name, count FROM system_views.${table} WHERE keyspace_name = ?`,
      [keyspace],
    );
    const counts: Record<string, number> = {};
    for (const row of result.rows) counts[row.get('table_name') as string] = Number(row.get('count'));
    return counts;
  };
  return { reads: await read(METRIC_TABLES.reads), writes: await read(METRIC_TABLES.writes) };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function perOperation(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
  operations: number,
): Record<string, number> {
  const per: Record<string, number> = {};
  for (const table of Object.keys(after).sort()) {
    const done = after[table] - (before[table] ?? 0);
    if (done > 0) per[table] = round2(done / operations);
  }
  return per;
}

const total = (counts: Readonly<Record<string, number>>) =>
  round2(Object.values(counts).reduce((sum, value) => sum + value, 0));

export function workBetween(before: NodeWork, after: NodeWork, operations: number): WorkPerOperation {
  const reads = perOperation(before.reads, after.reads, operations);
  const writes = perOperation(before.writes, after.writes, operations);
  return { operations, reads, writes, reads_total: total(reads), writes_total: total(writes) };
}

/**
 * Where two operations' work differs by more than `tolerance` (a fraction), and by more than a tenth of a
 * request, on any table: the tables and their figures, side by side. Empty when they do the same work.
 */
export function workDifferences(
  service: WorkPerOperation,
  baseline: WorkPerOperation,
  tolerance = 0.1,
): string[] {
  // Below a tenth of a request per operation is sampling (one send in 16 counts its bucket) and the
  // service's own background reads, not a difference in what an operation does.
  const floor = 0.1;
  const differences: string[] = [];
  for (const kind of ['reads', 'writes'] as const) {
    const tables = new Set([...Object.keys(service[kind]), ...Object.keys(baseline[kind])]);
    for (const table of [...tables].sort()) {
      const a = service[kind][table] ?? 0;
      const b = baseline[kind][table] ?? 0;
      if (Math.abs(a - b) > Math.max(floor, tolerance * Math.max(a, b)))
        differences.push(`${table} ${kind}: service ${a}, baseline ${b}`);
    }
  }
  return differences;
}
