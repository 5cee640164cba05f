/**
 * Where a conversation's messages are partitioned. A bucket is opened by a message and holds the messages
 * after it until it closes: when it has about `maxMessages` messages, or when the UTC day changes, whichever
 * comes first. So no partition holds more than a day of one conversation, nor much more than `maxMessages`
 * rows however hot the conversation (see SCHEMA.md for the bound).
 *
 * A bucket's number is the second its first message was sent, counted from 2020-01-01T00:00:00Z (an int
 * lasts until 2088), so numbers follow time. Numbers below LEGACY_DAY_BUCKETS_BELOW are the UTC day numbers
 * of the earlier design (one bucket per day, days since 1970); they are read as before and never written.
 */
export const LEGACY_DAY_BUCKETS_BELOW = 100_000;
/** MESSAGE_BUCKET_MAX_MESSAGES when unset. */
export const DEFAULT_BUCKET_MAX_MESSAGES = 50_000;
const DAY_MICROS = 86_400_000_000;
const SECOND_MICROS = 1_000_000;
const BUCKET_EPOCH_SECONDS = Date.UTC(2020, 0, 1) / 1000;

const LAST_BUCKET = 2 ** 31 - 1;

/** The number a bucket opened at `micros` gets (the int's range bounds it both ways). */
export function bucketOpenedAt(micros: number): number {
  const seconds = Math.floor(micros / SECOND_MICROS) - BUCKET_EPOCH_SECONDS;
  return Math.min(LAST_BUCKET, Math.max(LEGACY_DAY_BUCKETS_BELOW, seconds));
}

/** The first microsecond a bucket covers: its opening second, or its day for a legacy one. */
export function bucketStartMicros(bucket: number): number {
  return bucket < LEGACY_DAY_BUCKETS_BELOW
    ? bucket * DAY_MICROS
    : (bucket + BUCKET_EPOCH_SECONDS) * SECOND_MICROS;
}

/** The legacy day bucket of a message at `micros`: where claims made before sized buckets placed it. */
export function legacyDayBucketOf(micros: number): number {
  return Math.floor(micros / DAY_MICROS);
}

/** The last microsecond a legacy day bucket covers (its newest message was not recorded). */
export function legacyBucketEndMicros(bucket: number): number {
  return (bucket + 1) * DAY_MICROS - 1;
}

const dayOf = (micros: number) => Math.floor(micros / DAY_MICROS);

/**
 * The bucket a message at `atMicros` goes to, given the conversation's open bucket: that one while it is of
 * the message's UTC day, otherwise a new one the message opens.
 */
export function bucketForMessage(
  openBucket: number | undefined,
  atMicros: number,
): { bucket: number; opens: boolean } {
  if (
    openBucket !== undefined &&
    openBucket >= LEGACY_DAY_BUCKETS_BELOW &&
    dayOf(bucketStartMicros(openBucket)) === dayOf(atMicros)
  ) {
    return { bucket: openBucket, opens: false };
  }
  return { bucket: bucketOpenedAt(atMicros), opens: true };
}

/**
 * The bucket that follows a full one, opened at `atMicros`; none while that is still the full bucket's second
 * (numbers are seconds and must grow).
 */
export function bucketAfterFull(full: number, atMicros: number): number | undefined {
  const next = bucketOpenedAt(atMicros);
  return next > full ? next : undefined;
}

/**
 * Buckets are counted by sampling: one send in `countEvery` adds `countEvery` to its bucket's count and reads it
 * back, so counting costs a fraction of a write per send. Small limits (in tests) count every send.
 */
export function bucketCountSampling(maxMessages: number): number {
  return Math.max(1, Math.min(16, Math.floor(maxMessages / 2000)));
}
