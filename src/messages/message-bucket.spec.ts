import {
  bucketAfterFull,
  bucketCountSampling,
  bucketForMessage,
  bucketOpenedAt,
  bucketStartMicros,
  legacyBucketEndMicros,
  legacyDayBucketOf,
  LEGACY_DAY_BUCKETS_BELOW,
} from './message-bucket';

const micros = (iso: string) => Date.parse(iso) * 1000;

describe('message buckets', () => {
  it('numbers a bucket by its opening second since 2020, and maps the number back', () => {
    expect(bucketOpenedAt(micros('2020-01-02T03:46:40Z'))).toBe(100_000);
    expect(bucketOpenedAt(micros('2026-12-02T08:00:00.999Z') + 999)).toBe(218_361_600);
    expect(bucketStartMicros(218_361_600)).toBe(micros('2026-12-02T08:00:00Z'));
  });

  it('keeps new numbers clear of the legacy day numbers, which map to their days', () => {
    expect(bucketOpenedAt(micros('2020-01-01T00:00:00Z'))).toBe(LEGACY_DAY_BUCKETS_BELOW);
    expect(bucketOpenedAt(micros('2999-12-31T23:59:59Z'))).toBe(2 ** 31 - 1);
    expect(legacyDayBucketOf(micros('2024-01-01T12:00:00Z'))).toBe(19723);
    expect(bucketStartMicros(19723)).toBe(micros('2024-01-01T00:00:00Z'));
    expect(legacyBucketEndMicros(19723)).toBe(micros('2024-01-02T00:00:00Z') - 1);
  });

  it('puts a message in the open bucket of its day, and opens one otherwise', () => {
    const open = bucketOpenedAt(micros('2026-12-02T08:00:00Z'));
    expect(bucketForMessage(open, micros('2026-12-02T23:59:59.999Z'))).toEqual({
      bucket: open,
      opens: false,
    });
    expect(bucketForMessage(open, micros('2026-12-03T00:00:00Z'))).toEqual({
      bucket: bucketOpenedAt(micros('2026-12-03T00:00:00Z')),
      opens: true,
    });
    expect(bucketForMessage(undefined, micros('2026-12-02T09:00:00Z'))).toEqual({
      bucket: bucketOpenedAt(micros('2026-12-02T09:00:00Z')),
      opens: true,
    });
    // A conversation whose open bucket is a legacy day bucket moves to a new one.
    expect(bucketForMessage(20_424, micros('2025-12-02T09:00:00Z')).opens).toBe(true);
  });

  it('follows a full bucket with one opened later, never in the same second', () => {
    const full = bucketOpenedAt(micros('2026-12-02T08:00:00Z'));
    expect(bucketAfterFull(full, micros('2026-12-02T08:00:00.900Z'))).toBeUndefined();
    expect(bucketAfterFull(full, micros('2026-12-02T08:00:01Z'))).toBe(full + 1);
  });

  it('samples the count of large buckets, and counts every send of small ones', () => {
    expect(bucketCountSampling(50_000)).toBe(16);
    expect(bucketCountSampling(10_000)).toBe(5);
    expect(bucketCountSampling(20)).toBe(1);
  });
});
