/**
 * Messages are partitioned by conversation and UTC day, so a partition holds at most one day of one
 * conversation however long its history grows.
 */
export const BUCKET_MS = 86_400_000;

export function bucketOf(epochMs: number): number {
  return Math.floor(epochMs / BUCKET_MS);
}

/** The first instant of a bucket, for reports and tests. */
export function bucketStart(bucket: number): Date {
  return new Date(bucket * BUCKET_MS);
}
