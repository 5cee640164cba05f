import { bucketOf, bucketStart, BUCKET_MS } from './message-bucket';

describe('message buckets', () => {
  it('puts every instant of a UTC day in one bucket', () => {
    const day = Date.UTC(2024, 5, 15);
    expect(bucketOf(day)).toBe(bucketOf(day + BUCKET_MS - 1));
    expect(bucketOf(day + BUCKET_MS)).toBe(bucketOf(day) + 1);
  });

  it('counts days from the epoch, also before it', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(-1)).toBe(-1);
    expect(bucketOf(Date.UTC(2024, 0, 1))).toBe(19723);
  });

  it('maps a bucket back to its first instant', () => {
    expect(bucketStart(19723).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(bucketOf(bucketStart(20000).getTime())).toBe(20000);
  });
});
