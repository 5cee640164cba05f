import { randomInt } from 'node:crypto';

/** 2025-01-01T00:00:00Z: ids count milliseconds from here, so 41 bits last until about 2094. */
const ID_EPOCH_MS = Date.UTC(2025, 0, 1);
const RANDOM_BITS = 12;
const RANDOM_RANGE = 2 ** RANDOM_BITS;

/**
 * A new user id: milliseconds since ID_EPOCH_MS times 4096, plus a random 12-bit part. It is a positive
 * integer below 2^53 (the API's contract) without a shared counter; two instances collide only when they
 * draw the same random part in the same millisecond, which the IF NOT EXISTS insert detects.
 */
export function allocateUserId(now: number = Date.now()): number {
  const id = (now - ID_EPOCH_MS) * RANDOM_RANGE + randomInt(RANDOM_RANGE);
  if (!Number.isSafeInteger(id) || id < 1) throw new Error(`the clock (${now}) is outside the id range`);
  return id;
}
