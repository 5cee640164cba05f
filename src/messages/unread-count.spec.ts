import { timeUuidAtMicros } from '../common/time/time-uuid';
import { ListedBucket } from './history-walk';
import { countUnread, UnreadReads } from './unread-count';

/** A conversation held in memory: buckets of (micros, sender) messages, as the repository would read them. */
function conversation(buckets: Record<number, Array<[number, number]>>) {
  const bucketReads: number[] = [];
  const reads: UnreadReads = {
    listBuckets: (_atMost, limit) =>
      Promise.resolve(
        Object.entries(buckets)
          .map(([bucket, messages]): ListedBucket => ({
            bucket: Number(bucket),
            newestMicros: BASE + Math.max(...messages.map(([at]) => at)),
          }))
          .sort((a, b) => b.bucket - a.bucket)
          .slice(0, limit),
      ),
    readSendersAfter: (bucket, afterId, limit): Promise<Array<number | null>> => {
      bucketReads.push(bucket);
      const after = afterId === undefined ? -1 : micros.get(afterId)!;
      return Promise.resolve(
        buckets[bucket]
          .filter(([at]) => at > after)
          .sort((a, b) => b[0] - a[0])
          .slice(0, limit)
          .map(([, sender]) => sender),
      );
    },
  };
  return { reads, bucketReads };
}

const BASE = 1_800_000_000_000_000;
const micros = new Map<string, number>();
/** The id of the message at `at` µs after BASE. */
function id(at: number): string {
  const value = timeUuidAtMicros(BASE + at);
  micros.set(value, at);
  return value;
}

describe('countUnread', () => {
  const positions = [1, 2, 3, 4, 5, 6].map(id);
  const [at1, , at3, , at5] = positions;

  it('counts the messages of others after the position, across buckets, reading none older than it', async () => {
    const { reads, bucketReads } = conversation({
      10: [
        [1, 7],
        [2, 8],
      ],
      20: [
        [3, 8],
        [4, 7],
        [5, 8],
      ],
    });
    await expect(countUnread(reads, positions[1], 7)).resolves.toBe(2);
    // Bucket 10 ends at the position itself: read, since a twin at the same microsecond could follow it.
    expect(bucketReads).toEqual([20, 10]);
  });

  it('counts from the first message when nothing was read, and never the reader’s own', async () => {
    const { reads } = conversation({
      10: [
        [1, 7],
        [2, 8],
      ],
      20: [[3, 7]],
    });
    await expect(countUnread(reads, undefined, 7)).resolves.toBe(1);
    await expect(countUnread(reads, undefined, 9)).resolves.toBe(3);
  });

  it('is 0 at the newest message', async () => {
    const { reads, bucketReads } = conversation({ 10: [[1, 8]], 20: [[5, 8]] });
    await expect(countUnread(reads, at5, 7)).resolves.toBe(0);
    expect(bucketReads).toEqual([20]);
  });

  it('stops at the cap, having read no more than cap messages', async () => {
    const { reads, bucketReads } = conversation({
      10: [
        [1, 8],
        [2, 8],
      ],
      20: [
        [3, 8],
        [4, 8],
      ],
      30: [
        [5, 8],
        [6, 8],
      ],
    });
    await expect(countUnread(reads, undefined, 7, 3)).resolves.toBe(3);
    expect(bucketReads).toEqual([30, 20]);
    await expect(countUnread(reads, at1, 7, 10)).resolves.toBe(5);
    await expect(countUnread(reads, at3, 7, 10)).resolves.toBe(3);
  });

  it('does not count deleted messages, but reads them towards the cap', async () => {
    const reads: UnreadReads = {
      listBuckets: () => Promise.resolve([{ bucket: 1, newestMicros: BASE + 9 }]),
      readSendersAfter: (_bucket, _after, limit) => Promise.resolve([8, null, 8, null].slice(0, limit)),
    };
    await expect(countUnread(reads, undefined, 7)).resolves.toBe(2);
    await expect(countUnread(reads, undefined, 7, 3)).resolves.toBe(2);
  });

  it('reads a bucket whose newest message shares the position’s microsecond', async () => {
    // Two concurrent sends may share a microsecond; their ids order them, so the other one may follow.
    const position = id(7);
    const reads: UnreadReads = {
      listBuckets: () => Promise.resolve([{ bucket: 1, newestMicros: BASE + 7 }]),
      readSendersAfter: (_bucket, afterId) => Promise.resolve(afterId === position ? [8] : []),
    };
    await expect(countUnread(reads, position, 7)).resolves.toBe(1);
  });

  it('finds a message written late into an older bucket', async () => {
    const { reads } = conversation({
      10: [
        [1, 8],
        [6, 8],
      ],
      20: [[5, 8]],
    });
    await expect(countUnread(reads, positions[3], 7)).resolves.toBe(2);
  });
});
