/**
 * Keyspace replication from one configuration string:
 *   "SimpleStrategy:1"                           one local node (the default)
 *   "NetworkTopologyStrategy:dc1=3,dc2=3"        production, per data center
 */
export type Replication =
  | { readonly class: 'SimpleStrategy'; readonly replicationFactor: number }
  | { readonly class: 'NetworkTopologyStrategy'; readonly dataCenters: Readonly<Record<string, number>> };

const FACTOR = /^[1-9]\d?$/;
const DATA_CENTER = /^[A-Za-z0-9_.-]+$/;

export function parseReplication(value: string): Replication {
  const [strategy, spec = '', ...extra] = value.trim().split(':');
  if (extra.length > 0) throw new Error(`expected STRATEGY:SPEC, got "${value}"`);
  if (strategy === 'SimpleStrategy') {
    if (!FACTOR.test(spec)) throw new Error(`SimpleStrategy needs a replication factor 1..99, got "${spec}"`);
    return { class: 'SimpleStrategy', replicationFactor: Number(spec) };
  }
  if (strategy === 'NetworkTopologyStrategy') {
    const dataCenters: Record<string, number> = {};
    for (const entry of spec.split(',')) {
      const [name, factor, ...rest] = entry.trim().split('=');
      if (rest.length > 0 || !name || !DATA_CENTER.test(name) || !factor || !FACTOR.test(factor)) {
        throw new Error(`NetworkTopologyStrategy needs dc=factor pairs such as "dc1=3,dc2=3", got "${spec}"`);
      }
      dataCenters[name] = Number(factor);
    }
    return { class: 'NetworkTopologyStrategy', dataCenters };
  }
  throw new Error(`strategy must be SimpleStrategy or NetworkTopologyStrategy, got "${strategy}"`);
}

/** The CQL map literal for CREATE KEYSPACE ... WITH replication = {...}. */
export function replicationCql(replication: Replication): string {
  if (replication.class === 'SimpleStrategy') {
    return `{'class': 'SimpleStrategy', 'replication_factor': ${replication.replicationFactor}}`;
  }
  const dataCenters = Object.entries(replication.dataCenters).map(([name, factor]) => `'${name}': ${factor}`);
  return `{'class': 'NetworkTopologyStrategy', ${dataCenters.join(', ')}}`;
}
