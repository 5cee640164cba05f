import { AttachmentsConfig } from '../config/app-config';

/** Seconds kept after the sweep is due, so a sweep delayed by a stopped deployment still finds its rows. */
const UPLOAD_ROW_MARGIN_SECONDS = 7 * 86_400;
/** The sweep's time buckets: 24 per TTL (an hour for a day), at least one second. */
const BUCKETS_PER_TTL = 24;

/**
 * When uploads are listed and swept. Each upload is listed in the bucket of its start time; a bucket is swept
 * once every upload that started in it has either been sent or expired: after the bucket's end, the upload
 * timeout (the longest an upload can still be writing) and the TTL of its facts.
 */
export class UploadSchedule {
  readonly bucketMs: number;
  readonly uploadRowTtlSeconds: number;
  private readonly dueAfterMs: number;

  constructor(config: Pick<AttachmentsConfig, 'unsentTtlSeconds' | 'uploadTimeoutMs'>) {
    this.bucketMs = Math.max(1, Math.ceil(config.unsentTtlSeconds / BUCKETS_PER_TTL)) * 1000;
    this.dueAfterMs = this.bucketMs + config.uploadTimeoutMs + config.unsentTtlSeconds * 1000 + 1000;
    this.uploadRowTtlSeconds = Math.ceil(this.dueAfterMs / 1000) + UPLOAD_ROW_MARGIN_SECONDS;
  }

  bucketOf(epochMs: number): number {
    return Math.floor(epochMs / this.bucketMs);
  }

  /** The newest bucket whose sweep is due at `epochMs`. */
  newestDue(epochMs: number): number {
    return this.bucketOf(epochMs - this.dueAfterMs);
  }
}
