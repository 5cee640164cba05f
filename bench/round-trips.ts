import { Client } from 'cassandra-driver';

type Method = (...args: unknown[]) => unknown;

/**
 * How many requests `action` sends to Cassandra through `client` (execute and batch calls): the baseline
 * must do as many round trips as the service, or the comparison says nothing.
 */
export async function countRoundTrips(client: Client, action: () => Promise<unknown>): Promise<number> {
  const methods = client as unknown as Record<'execute' | 'batch', Method>;
  const originals = { execute: methods.execute, batch: methods.batch };
  let calls = 0;
  for (const name of ['execute', 'batch'] as const) {
    methods[name] = (...args: unknown[]) => {
      calls += 1;
      return originals[name].apply(client, args);
    };
  }
  try {
    await action();
  } finally {
    methods.execute = originals.execute;
    methods.batch = originals.batch;
  }
  return calls;
}
