import { compareTimeUuids, timeUuidAtMicros, timeUuidMicros } from '../common/time/time-uuid';
import { ForwardReads, HistoryReads, ListedBucket, walkForward, walkHistory } from './history-walk';
import { bucketOpenedAt } from './message-bucket';
import { Message } from './message.model';

const T0 = Date.parse('2026-12-02T08:00:00Z') * 1000;

const ids = new Map<number, string>();
/** A message at a time; the same one (same id) each time it is asked for. */
const message = (atMicros: number): Message => ({
  id: ids.get(atMicros) ?? ids.set(atMicros, timeUuidAtMicros(atMicros)).get(atMicros)!,
  conversationId: '00000000-0000-0000-0000-000000000001',
  senderId: 1,
  receiverId: 2,
  content: `at ${atMicros}`,
  createdAt: new Date(Math.floor(atMicros / 1000)),
  editedAt: null,
  deleted: false,
  reactions: [],
  replyTo: null,
  attachments: [],
});

/** Buckets held in memory, read as the repository reads them; counts the bucket reads. */
function inMemory(buckets: Map<number, number[]>): HistoryReads & ForwardReads & { bucketReads: number[] } {
  const reads: number[] = [];
  return {
    bucketReads: reads,
    listBuckets: (atMost, limit) => {
      const listed: ListedBucket[] = [...buckets.entries()]
        .filter(([bucket]) => atMost === undefined || bucket <= atMost)
        .sort(([a], [b]) => b - a)
        .slice(0, limit)
        .map(([bucket, times]) => ({ bucket, newestMicros: Math.max(...times) }));
      return Promise.resolve(listed);
    },
    listBucketsAfter: (after, limit) => {
      const listed: ListedBucket[] = [...buckets.entries()]
        .filter(([bucket]) => bucket > after)
        .sort(([a], [b]) => a - b)
        .slice(0, limit)
        .map(([bucket, times]) => ({ bucket, newestMicros: Math.max(...times) }));
      return Promise.resolve(listed);
    },
    readBucket: (bucket, beforeId, limit) => {
      reads.push(bucket);
      const rows = (buckets.get(bucket) ?? [])
        .map(message)
        .filter((row) => beforeId === undefined || compareTimeUuids(row.id, beforeId) < 0)
        .sort((a, b) => compareTimeUuids(b.id, a.id))
        .slice(0, limit);
      return Promise.resolve(rows);
    },
    readBucketAfter: (bucket, afterId, limit) => {
      reads.push(bucket);
      const rows = (buckets.get(bucket) ?? [])
        .map(message)
        .filter((row) => compareTimeUuids(row.id, afterId) > 0)
        .sort((a, b) => compareTimeUuids(a.id, b.id))
        .slice(0, limit);
      return Promise.resolve(rows);
    },
  };
}

const times = (page: Message[]) => page.map((row) => timeUuidMicros(row.id) - T0);

describe('walkHistory', () => {
  it('reads only the buckets a page needs when buckets follow each other', async () => {
    const first = bucketOpenedAt(T0);
    const second = bucketOpenedAt(T0 + 10_000_000);
    const reads = inMemory(
      new Map([
        [first, [1, 2, 3].map((s) => T0 + s * 1_000_000)],
        [second, [10, 11, 12].map((s) => T0 + s * 1_000_000)],
      ]),
    );
    expect(times(await walkHistory(reads, undefined, 2))).toEqual([12_000_000, 11_000_000]);
    expect(reads.bucketReads).toEqual([second]);
    expect(times(await walkHistory(reads, undefined, 5))).toEqual([
      12_000_000, 11_000_000, 10_000_000, 3_000_000, 2_000_000,
    ]);
  });

  it('merges in a message written late into the previous bucket, in time order, on every page', async () => {
    const first = bucketOpenedAt(T0);
    const second = bucketOpenedAt(T0 + 10_000_000);
    // 10.5 s went to the first bucket: its sender read the conversation before the second opened at 10 s.
    const buckets = new Map([
      [first, [1, 2, 10.5].map((s) => T0 + s * 1_000_000)],
      [second, [10, 11, 12].map((s) => T0 + s * 1_000_000)],
    ]);
    const reads = inMemory(buckets);
    expect(times(await walkHistory(reads, undefined, 3))).toEqual([12_000_000, 11_000_000, 10_500_000]);
    const after = message(T0 + 11_000_000).id;
    expect(times(await walkHistory(reads, after, 2))).toEqual([10_500_000, 10_000_000]);
    const later = message(T0 + 10_000_000).id;
    expect(times(await walkHistory(reads, later, 5))).toEqual([2_000_000, 1_000_000]);
  });

  it('skips legacy day buckets that start after the cursor, and lists more buckets when a page needs them', async () => {
    const legacyDay = Math.floor(T0 / 86_400_000_000);
    const buckets = new Map<number, number[]>([[legacyDay - 1, [T0 - 86_400_000_000]]]);
    buckets.set(legacyDay, [T0 + 1]);
    // 150 one-message buckets: more than one list round trip holds.
    for (let i = 0; i < 150; i += 1)
      buckets.set(bucketOpenedAt(T0 + (i + 1) * 1_000_000), [T0 + (i + 1) * 1_000_000 + 1]);
    const reads = inMemory(buckets);
    const page = await walkHistory(reads, undefined, 152);
    expect(page).toHaveLength(152);
    expect(times(page).slice(-2)).toEqual([1, -86_400_000_000]);
    // From a cursor in the day before: today's legacy bucket is skipped unread, the later buckets unlisted.
    const before = timeUuidAtMicros(T0 - 86_400_000_000 + 1);
    reads.bucketReads.length = 0;
    expect(times(await walkHistory(reads, before, 10))).toEqual([-86_400_000_000]);
    expect(reads.bucketReads).toEqual([legacyDay - 1]);
  });
});

describe('walkForward', () => {
  const first = bucketOpenedAt(T0);
  const second = bucketOpenedAt(T0 + 10_000_000);
  const third = bucketOpenedAt(T0 + 20_000_000);
  const buckets = new Map([
    [first, [1, 2, 3].map((s) => T0 + s * 1_000_000)],
    [second, [10, 10.5, 11, 12].map((s) => T0 + s * 1_000_000)],
    [third, [20, 21].map((s) => T0 + s * 1_000_000)],
  ]);

  it('returns what follows a position, oldest first, reading only the buckets from its own on', async () => {
    const reads = inMemory(buckets);
    expect(times(await walkForward(reads, message(T0 + 11_000_000).id, 10))).toEqual([
      12_000_000, 20_000_000, 21_000_000,
    ]);
    expect(reads.bucketReads).toEqual([second, third]);
  });

  it('stops at the number wanted, without reading the buckets after it, and finds nothing after the newest', async () => {
    const reads = inMemory(buckets);
    expect(times(await walkForward(reads, message(T0 + 2_000_000).id, 3))).toEqual([
      3_000_000, 10_000_000, 10_500_000,
    ]);
    expect(reads.bucketReads).toEqual([first, second]);
    expect(await walkForward(reads, message(T0 + 21_000_000).id, 3)).toEqual([]);
  });

  it('merges in a message written late into the previous bucket', async () => {
    // 10.5 s went to the first bucket: its sender read the conversation before the second opened at 10 s.
    const late = new Map([
      [first, [1, 2, 10.5].map((s) => T0 + s * 1_000_000)],
      [second, [10, 11, 12].map((s) => T0 + s * 1_000_000)],
    ]);
    expect(times(await walkForward(inMemory(late), message(T0 + 10_000_000).id, 2))).toEqual([
      10_500_000, 11_000_000,
    ]);
    expect(times(await walkForward(inMemory(late), message(T0 + 1_000_000).id, 3))).toEqual([
      2_000_000, 10_000_000, 10_500_000,
    ]);
  });

  it('costs the same at any depth: a position 200 buckets back reads its own bucket and the next', async () => {
    const many = new Map<number, number[]>();
    for (let i = 0; i < 300; i += 1)
      many.set(bucketOpenedAt(T0 + i * 1_000_000), [T0 + i * 1_000_000, T0 + i * 1_000_000 + 500_000]);
    const reads = inMemory(many);
    expect(times(await walkForward(reads, message(T0 + 100_000_000).id, 3))).toEqual([
      100_500_000, 101_000_000, 101_500_000,
    ]);
    expect(reads.bucketReads).toEqual([bucketOpenedAt(T0 + 100_000_000), bucketOpenedAt(T0 + 101_000_000)]);
  });

  it('reads a bucket whose newest message shares the position’s microsecond', async () => {
    // Concurrent sends may share a microsecond; their ids order them, so the twin may follow the position.
    const position = message(T0 + 30_000_000);
    const twin = { ...position, id: timeUuidAtMicros(T0 + 30_000_000) };
    const found = await walkForward(
      {
        listBuckets: () => Promise.resolve([{ bucket: third, newestMicros: T0 + 30_000_000 }]),
        listBucketsAfter: () => Promise.resolve([]),
        readBucketAfter: (_bucket, afterId) => Promise.resolve(afterId === position.id ? [twin] : []),
      },
      position.id,
      10,
    );
    expect(found).toEqual([twin]);
  });
});
