import { types } from 'cassandra-driver';

/** Microseconds since the epoch: the write time Cassandra uses to decide which write wins. */
export function toMicros(date: Date): types.Long {
  return types.Long.fromNumber(date.getTime()).multiply(1000);
}
