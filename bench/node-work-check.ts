import { Client } from 'cassandra-driver';
import { BENCH_HEADERS } from './bench-credentials';
import { DriverOperation } from './driver/driver-load';
import { HttpRequestSpec } from './http-load';
import { readNodeWork, workBetween, workDifferences, WorkPerOperation } from './node-work';

/** An API operation and its baseline, to be checked for doing the same work on the node. */
export interface ComparedPair {
  readonly operation: string;
  readonly request: () => HttpRequestSpec;
  readonly baseline: DriverOperation;
}

export interface NodeWorkComparison {
  readonly service: WorkPerOperation;
  readonly driver: WorkPerOperation;
  /** Tables whose reads or writes per operation differ by more than 10 %. */
  readonly differences: readonly string[];
}

const WORKERS = 8;

async function runMany(operations: number, one: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < operations) await one(next++);
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
}

async function callService(baseUrl: string, spec: HttpRequestSpec): Promise<void> {
  const response = await fetch(baseUrl + spec.path, {
    method: spec.method,
    headers: {
      ...(spec.headers ?? BENCH_HEADERS),
      ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: spec.body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${spec.method} ${spec.path} answered ${response.status}: ${text}`);
}

/**
 * Runs `operations` of each pair's API request and then of its baseline, reading the node's own per-table
 * counters before and after each, and reports what each side made the node do per operation. Nothing else
 * may use the keyspace meanwhile.
 */
export async function compareNodeWork(
  admin: Client,
  keyspace: string,
  baseUrl: string,
  pairs: readonly ComparedPair[],
  operations = 200,
): Promise<Record<string, NodeWorkComparison>> {
  const measure = async (one: (index: number) => Promise<void>) => {
    const before = await readNodeWork(admin, keyspace);
    await runMany(operations, one);
    return workBetween(before, await readNodeWork(admin, keyspace), operations);
  };
  const comparisons: Record<string, NodeWorkComparison> = {};
  for (const pair of pairs) {
    const service = await measure(() => callService(baseUrl, pair.request()));
    const driver = await measure((index) => pair.baseline(index));
    comparisons[pair.operation] = { service, driver, differences: workDifferences(service, driver) };
  }
  return comparisons;
}
