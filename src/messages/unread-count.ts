import { timeUuidMicros } from '../common/time/time-uuid';
import { HistoryReads } from './history-walk';

/**
 * Unread counts stop here: at most this many messages are read after a position, so a count costs at most
 * this many rows whatever the backlog, and 100 means "100 or more" (a client shows "99+").
 */
export const UNREAD_COUNT_CAP = 100;

/** The reads a count needs: the bucket list, and the senders of one bucket's messages after a position. */
export interface UnreadReads extends Pick<HistoryReads, 'listBuckets'> {
  /**
   * Up to `limit` senders of the bucket's messages strictly newer than `afterId` (all without it), newest
   * first; null for a deleted message, which is not unread.
   */
  readSendersAfter(bucket: number, afterId: string | undefined, limit: number): Promise<Array<number | null>>;
}

/**
 * How many messages from others follow `afterId` (all of the conversation's, without it), up to `cap`.
 * Only buckets whose newest message is newer than the position can hold such messages, and each of them
 * holds at least one; they are read newest first until `cap` messages have been read. Deleted messages and
 * those the reader sent are not counted (a send moves its sender's position to it, so normally none follow it anyway).
 */
export async function countUnread(
  reads: UnreadReads,
  afterId: string | undefined,
  readerId: number,
  cap = UNREAD_COUNT_CAP,
): Promise<number> {
  const after = afterId === undefined ? Number.NEGATIVE_INFINITY : timeUuidMicros(afterId);
  // cap + 1 buckets newer than the position hold more than cap messages: no need to list further. A bucket
  // whose newest message shares the position's microsecond is read too: two concurrent sends may share one
  // (their ids order them), so it may hold a message after the position.
  const buckets = (await reads.listBuckets(undefined, cap + 1)).filter(
    ({ newestMicros }) => newestMicros >= after,
  );
  let read = 0;
  let unread = 0;
  for (const { bucket } of buckets) {
    if (read >= cap) break;
    const senders = await reads.readSendersAfter(bucket, afterId, cap - read);
    read += senders.length;
    unread += senders.filter((sender) => sender !== null && sender !== readerId).length;
  }
  return Math.min(unread, cap);
}
