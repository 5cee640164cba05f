import { randomBytes } from 'node:crypto';

/**
 * Version 1 (time-based) UUIDs, as Cassandra's timeuuid type orders them, as plain strings: services make
 * and compare message ids without the driver's types, which stay in the repositories.
 */

/** 100-nanosecond intervals between the Gregorian epoch (1582-10-15) and the Unix epoch. */
const GREGORIAN_OFFSET_MS = 12_219_292_800_000n;
const TICKS_PER_MS = 10_000n;

const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isTimeUuid(value: unknown): value is string {
  return typeof value === 'string' && TIME_UUID.test(value);
}

/** The 60-bit timestamp of a timeuuid, in 100 ns ticks since the Gregorian epoch. */
function timestampOf(id: string): bigint {
  const low = id.slice(0, 8);
  const mid = id.slice(9, 13);
  const high = id.slice(15, 18);
  return BigInt(`0x${high}${mid}${low}`);
}

function format(timestamp: bigint, clockAndNode: string): string {
  const hex = timestamp.toString(16).padStart(15, '0');
  return `${hex.slice(7)}-${hex.slice(3, 7)}-1${hex.slice(0, 3)}-${clockAndNode.slice(0, 4)}-${clockAndNode.slice(4)}`;
}

function timestampAt(date: Date, ticks: number): bigint {
  return (BigInt(date.getTime()) + GREGORIAN_OFFSET_MS) * TICKS_PER_MS + BigInt(ticks);
}

let lastMs = Number.NaN;
let ticksInLastMs = 0;

/**
 * A new timeuuid for an instant: ids made for one millisecond by this process count up through its
 * 10,000 sub-millisecond ticks, so they are unique and in the order they were made; the random clock
 * sequence and node keep ids of different processes apart.
 */
export function newTimeUuid(at: Date): string {
  const ms = at.getTime();
  ticksInLastMs = ms === lastMs ? (ticksInLastMs + 1) % Number(TICKS_PER_MS) : 0;
  lastMs = ms;
  const random = randomBytes(8);
  random[0] = (random[0] & 0x3f) | 0x80; // the RFC 4122 variant
  random[2] |= 0x01; // a multicast node: never a real MAC address
  return format(timestampAt(at, ticksInLastMs), random.toString('hex'));
}

/** The last instant a timeuuid can carry: its timestamp has 60 bits (about the year 5236). */
const MAX_TIMESTAMP = (1n << 60n) - 1n;

/**
 * The smallest timeuuid of an instant: every id made at or after it sorts after it (as minTimeuuid()). An
 * instant past the last one a timeuuid can carry gives the largest timestamp, which every id precedes (its
 * 61st bit would otherwise spill into the version digit and make no UUID at all).
 */
export function minTimeUuid(at: Date): string {
  const timestamp = timestampAt(at, 0);
  return format(timestamp > MAX_TIMESTAMP ? MAX_TIMESTAMP : timestamp, '8080808080808080');
}

/** The instant of a timeuuid, to the millisecond. */
export function timeUuidDate(id: string): Date {
  return new Date(Number(timestampOf(id) / TICKS_PER_MS - GREGORIAN_OFFSET_MS));
}

/** Each hex digit with its top bit flipped: a byte read as signed sorts as the flipped byte read unsigned. */
const FLIPPED_HEX = '89abcdef01234567';

/**
 * A string that sorts as Cassandra orders timeuuids: the 60-bit time in 15 hex digits, then the clock
 * sequence and node (compared byte by byte, each byte signed) with each byte's top bit flipped. Equal-width
 * lowercase hex compares as its numbers do, so no BigInt nor buffer is made for a comparison.
 */
export function timeUuidOrderKey(id: string): string {
  const lower = id.toLowerCase();
  const tail = lower.slice(19, 23) + lower.slice(24);
  let flipped = '';
  for (let i = 0; i < tail.length; i += 2) flipped += FLIPPED_HEX[parseInt(tail[i], 16)] + tail[i + 1];
  return lower.slice(15, 18) + lower.slice(9, 13) + lower.slice(0, 8) + flipped;
}

/**
 * Orders two timeuuids by their time (100 ns precision), then by clock sequence and node; as Cassandra orders
 * them (which is why minTimeUuid's 0x80 bytes sort first).
 */
export function compareTimeUuids(a: string, b: string): number {
  const [left, right] = [timeUuidOrderKey(a), timeUuidOrderKey(b)];
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The instant of a timeuuid, in microseconds since the Unix epoch (its 100 ns ticks, rounded down). */
export function timeUuidMicros(id: string): number {
  return Number(timestampOf(id.toLowerCase()) / 10n - GREGORIAN_OFFSET_MS * 1000n);
}

/**
 * A new timeuuid whose time is exactly `micros` (microseconds since the Unix epoch), with a random clock
 * sequence and node: a message's id carries the microsecond that is also its write time.
 */
export function timeUuidAtMicros(micros: number): string {
  const random = randomBytes(8);
  random[0] = (random[0] & 0x3f) | 0x80;
  random[2] |= 0x01;
  return format((BigInt(micros) + GREGORIAN_OFFSET_MS * 1000n) * 10n, random.toString('hex'));
}
