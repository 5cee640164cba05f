import { Client } from 'cassandra-driver';

type Method = (...args: unknown[]) => Promise<unknown>;

/** Requests and statements one action sends through the client (a batch is one request of many statements). */
export async function countTraffic(client: Client, action: () => Promise<unknown>) {
  const methods = client as unknown as Record<'execute' | 'batch', Method>;
  const originals = { execute: methods.execute, batch: methods.batch };
  const traffic = { requests: 0, statements: 0 };
  methods.execute = (...args) => {
    traffic.requests += 1;
    traffic.statements += 1;
    return originals.execute.apply(client, args);
  };
  methods.batch = (...args) => {
    traffic.requests += 1;
    traffic.statements += (args[0] as unknown[]).length;
    return originals.batch.apply(client, args);
  };
  try {
    await action();
  } finally {
    Object.assign(methods, originals);
  }
  return traffic;
}
