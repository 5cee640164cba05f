import { UploadSchedule } from './upload-schedule';

describe('UploadSchedule', () => {
  it('lists uploads by the hour for a TTL of a day, and sweeps an hour once its uploads expired', () => {
    const schedule = new UploadSchedule({ unsentTtlSeconds: 86_400, uploadTimeoutMs: 600_000 });
    expect(schedule.bucketMs).toBe(3_600_000);
    const started = Date.parse('2026-12-01T10:30:00Z');
    const bucket = schedule.bucketOf(started);
    // Uploads of 10:00 to 11:00 may run to 11:10 and expire a day later.
    expect(schedule.newestDue(Date.parse('2026-12-02T11:10:00Z'))).toBeLessThan(bucket);
    expect(schedule.newestDue(Date.parse('2026-12-02T11:10:02Z'))).toBe(bucket);
    expect(schedule.uploadRowTtlSeconds).toBe(3_600 + 600 + 86_400 + 1 + 7 * 86_400);
  });

  it('keeps buckets of at least a second for short TTLs', () => {
    const schedule = new UploadSchedule({ unsentTtlSeconds: 2, uploadTimeoutMs: 1_000 });
    expect(schedule.bucketMs).toBe(1_000);
    expect(schedule.newestDue(10_000)).toBe(schedule.bucketOf(10_000 - 5_000));
  });
});
