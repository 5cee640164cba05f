import { compareTimeUuids, timeUuidMicros } from '../common/time/time-uuid';
import { bucketOpenedAt, bucketStartMicros } from './message-bucket';
import { Message } from './message.model';

/** A bucket as the conversation's list of buckets holds it: its number and the time of its newest message. */
export interface ListedBucket {
  readonly bucket: number;
  readonly newestMicros: number;
}

/** The reads a walk needs: the bucket list (newest first, numbers at most `atMost`) and one bucket's messages. */
export interface HistoryReads {
  listBuckets(atMost: number | undefined, limit: number): Promise<ListedBucket[]>;
  readBucket(bucket: number, beforeId: string | undefined, limit: number): Promise<Message[]>;
}

/** At most this many bucket list rows are read per round trip while walking history. */
export const BUCKETS_PER_LIST = 100;

const newestFirst = (a: Message, b: Message) => compareTimeUuids(b.id, a.id);

/**
 * Up to `wanted` messages strictly older than `beforeId` (or from the newest), newest first. Buckets are
 * walked newest first; normally each holds only messages older than the one before it, and the walk reads
 * just what the page needs. A send that read the conversation just before a new bucket opened may still
 * write into the previous one, so a bucket's newest message can be newer than the next bucket's start: a
 * bucket is read, and merged in, whenever its newest message would rank on the page.
 */
export async function walkHistory(
  reads: HistoryReads,
  beforeId: string | undefined,
  wanted: number,
): Promise<Message[]> {
  const before = beforeId === undefined ? undefined : timeUuidMicros(beforeId);
  let page: Message[] = [];
  const micros = (message: Message) => timeUuidMicros(message.id);
  // Bucket numbers are opening seconds: a bucket opened after the bound holds nothing before it.
  let atMost = before === undefined ? undefined : bucketOpenedAt(before);
  for (;;) {
    // Each listed bucket holds at least one message, so `wanted` of them can fill the page.
    const asked = Math.min(wanted, BUCKETS_PER_LIST);
    const buckets = await reads.listBuckets(atMost, asked);
    for (const { bucket, newestMicros } of buckets) {
      if (before !== undefined && bucketStartMicros(bucket) > before) continue;
      const full = page.length >= wanted;
      if (full && newestMicros < micros(page[wanted - 1])) continue;
      const olderThanPage = page.length > 0 && newestMicros < micros(page[page.length - 1]);
      const limit = olderThanPage ? wanted - page.length : wanted;
      const read = await reads.readBucket(bucket, beforeId, limit);
      page = olderThanPage ? [...page, ...read] : [...page, ...read].sort(newestFirst).slice(0, wanted);
    }
    if (buckets.length < asked || page.length >= wanted) return page;
    atMost = buckets[buckets.length - 1].bucket - 1;
  }
}

/** The reads a forward walk needs: the bucket list both ways, and one bucket's messages after a position. */
export interface ForwardReads extends Pick<HistoryReads, 'listBuckets'> {
  /** Buckets numbered above `after`, oldest first. */
  listBucketsAfter(after: number, limit: number): Promise<ListedBucket[]>;
  readBucketAfter(bucket: number, afterId: string, limit: number): Promise<Message[]>;
}

/**
 * How many buckets opened at or before a position may hold messages after it: its own, and those a send that
 * read the conversation just before a bucket opened wrote late into (see walkHistory).
 */
export const BUCKETS_BEHIND = 4;

const oldestFirst = (a: Message, b: Message) => compareTimeUuids(a.id, b.id);

/**
 * Up to `wanted` messages strictly newer than `afterId`, oldest first, at the same cost at any depth. The
 * position's bucket is found by number (the newest opened at or before it, or a few before that written into
 * late), the buckets after it are listed oldest first, and each is read and merged by time until the next one
 * opens after the last message wanted.
 */
export async function walkForward(reads: ForwardReads, afterId: string, wanted: number): Promise<Message[]> {
  const after = timeUuidMicros(afterId);
  const opened = bucketOpenedAt(after);
  // At the position's own microsecond too: concurrent sends may share one, ordered by their ids.
  const behind = (await reads.listBuckets(opened, BUCKETS_BEHIND))
    .filter((bucket) => bucket.newestMicros >= after)
    .reverse();
  let found: Message[] = [];
  const read = async ({ bucket }: ListedBucket): Promise<boolean> => {
    if (found.length >= wanted && bucketStartMicros(bucket) > timeUuidMicros(found[wanted - 1].id))
      return false;
    found = [...found, ...(await reads.readBucketAfter(bucket, afterId, wanted))]
      .sort(oldestFirst)
      .slice(0, wanted);
    return true;
  };
  for (const bucket of behind) await read(bucket);
  let from = opened;
  for (;;) {
    const asked = Math.min(wanted, BUCKETS_PER_LIST);
    const buckets = await reads.listBucketsAfter(from, asked);
    for (const bucket of buckets) if (!(await read(bucket))) return found;
    if (buckets.length < asked) return found;
    from = buckets[buckets.length - 1].bucket;
  }
}
