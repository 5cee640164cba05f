import { types } from 'cassandra-driver';

/** Microseconds since the epoch: the write time Cassandra uses to decide which write wins. */
export function toMicros(date: Date): types.Long {
  return types.Long.fromNumber(date.getTime()).multiply(1000);
}

/** Orders two timeuuids by their time (100 ns precision), then by their text; as Cassandra orders them. */
export function compareTimeUuids(a: types.TimeUuid, b: types.TimeUuid): number {
  const left = a.getDatePrecision();
  const right = b.getDatePrecision();
  const byTime = left.date.getTime() - right.date.getTime() || left.ticks - right.ticks;
  if (byTime !== 0) return byTime;
  const [x, y] = [a.toString(), b.toString()];
  return x < y ? -1 : x > y ? 1 : 0;
}

const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isTimeUuid(value: unknown): value is string {
  return typeof value === 'string' && TIME_UUID.test(value);
}
