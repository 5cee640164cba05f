import { types } from 'cassandra-driver';
import { compareTimeUuids, isTimeUuid, minTimeUuid, newTimeUuid, timeUuidDate } from './time-uuid';

// The driver's TimeUuid is the reference: ids made here must mean to Cassandra what they mean to us.
describe('timeuuids without the driver', () => {
  const instants = [new Date(0), new Date('2024-02-29T23:59:59.999Z'), new Date('2026-12-01T12:00:00.123Z')];

  it.each(instants)('makes a version 1 id that the driver reads back as %p', (at) => {
    const id = newTimeUuid(at);
    expect(isTimeUuid(id)).toBe(true);
    expect(types.TimeUuid.fromString(id).getDate()).toEqual(at);
    expect(timeUuidDate(id)).toEqual(at);
  });

  it.each(instants)('makes the minimum id of %p as the driver does', (at) => {
    expect(minTimeUuid(at)).toBe(types.TimeUuid.min(at, 0).toString());
    expect(timeUuidDate(minTimeUuid(at))).toEqual(at);
  });

  it('makes the minimum id of an instant past the timeuuid range as the largest timestamp, still a timeuuid', () => {
    const last = minTimeUuid(new Date('9200-02-29T00:00:00Z'));
    expect(last).toBe('ffffffff-ffff-1fff-8080-808080808080');
    expect(isTimeUuid(last)).toBe(true);
    expect(types.TimeUuid.fromString(last).getDate().getUTCFullYear()).toBe(5236);
    expect(compareTimeUuids(newTimeUuid(new Date('5000-01-01T00:00:00Z')), last)).toBeLessThan(0);
    expect(minTimeUuid(new Date(8.64e15))).toBe(last);
  });

  it('makes unique, increasing ids within one millisecond', () => {
    const at = new Date('2026-01-01T00:00:00.000Z');
    const ids = Array.from({ length: 500 }, () => newTimeUuid(at));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i += 1) expect(compareTimeUuids(ids[i - 1], ids[i])).toBeLessThan(0);
    expect(ids.every((id) => timeUuidDate(id).getTime() === at.getTime())).toBe(true);
  });

  it('orders by time first, across the fields of the id', () => {
    const earlier = types.TimeUuid.fromDate(new Date(1_000), 9_999).toString();
    const later = types.TimeUuid.fromDate(new Date(1_001), 0).toString();
    expect(compareTimeUuids(earlier, later)).toBeLessThan(0);
    expect(compareTimeUuids(later, earlier)).toBeGreaterThan(0);
    expect(compareTimeUuids(later, later)).toBe(0);
    const farApart = [new Date('1990-01-01'), new Date('2030-01-01')].map((d) => newTimeUuid(d));
    expect(compareTimeUuids(farApart[0], farApart[1])).toBeLessThan(0);
    expect(compareTimeUuids(minTimeUuid(new Date(5_000)), newTimeUuid(new Date(5_000)))).toBeLessThan(0);
  });

  it('orders ids of one instant by clock sequence and node as signed bytes, as Cassandra does', () => {
    // The order a Cassandra 5 node returned these clustering keys in.
    const base = 'e0a1b2c0-5432-11f1-';
    const asCassandraOrders = [
      '8080-808080808080',
      '8000-000000000000',
      '8005-000000000000',
      'ff00-000000000000',
      '0001-000000000000',
      '7fff-ffffffffffff',
    ].map((tail) => base + tail);
    expect([...asCassandraOrders].reverse().sort(compareTimeUuids)).toEqual(asCassandraOrders);
    expect(
      compareTimeUuids(minTimeUuid(timeUuidDate(`${base}8005-000000000000`)), `${base}8005-000000000000`),
    ).toBeLessThan(0);
  });

  it('orders as the time, then the clock sequence and node read as signed bytes, for random ids of any case', () => {
    const reference = (id: string) => {
      const hex = id.toLowerCase().replace(/-/g, '');
      const time = BigInt(`0x${hex.slice(13, 16)}${hex.slice(8, 12)}${hex.slice(0, 8)}`);
      const tail = [...Buffer.from(hex.slice(16), 'hex')].map((byte) =>
        (byte ^ 0x80).toString(16).padStart(2, '0'),
      );
      return { time, tail: tail.join('') };
    };
    const sign = (n: number) => Math.sign(n);
    const ids = Array.from({ length: 400 }, (_, i) =>
      // Few distinct instants, so many pairs differ by their tail alone.
      newTimeUuid(new Date(1_700_000_000_000 + (i % 7))),
    ).map((id, i) => (i % 3 === 0 ? id.toUpperCase() : id));
    for (let i = 0; i < ids.length; i += 1) {
      const [a, b] = [ids[i], ids[(i * 37 + 11) % ids.length]];
      const [x, y] = [reference(a), reference(b)];
      const expected =
        x.time !== y.time ? (x.time < y.time ? -1 : 1) : x.tail < y.tail ? -1 : x.tail > y.tail ? 1 : 0;
      expect(sign(compareTimeUuids(a, b))).toBe(expected);
    }
  });

  it('accepts only version 1 UUIDs', () => {
    expect(isTimeUuid('0b5e5c3a-0000-4000-8000-000000000000')).toBe(false);
    expect(isTimeUuid(42)).toBe(false);
  });
});
