import { Client } from 'cassandra-driver';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { nodeLayout } from '../scripts/cassandra/layout';
import { forEachLimited } from '../src/common/concurrency';
import { inboxBucketOf } from '../src/conversations/inbox';
import { DEFAULT_BUCKET_MAX_MESSAGES } from '../src/messages/message-bucket';
import { createTestApp, range, rawClient, TestApp } from './support/test-app';

const SENDERS = 16;
const DIRECT_MESSAGES = 5_000;
const GROUP_MESSAGES = 2_000;
const GROUP_SIZE = 50;

interface ListItem {
  id: string;
  last_message_id: string | null;
  unread_count: number;
}

describe('hot conversations', () => {
  let t: TestApp;
  let db: Client;
  const systemLog = nodeLayout(1).systemLog;
  let logOffset = 0;

  beforeAll(async () => {
    t = await createTestApp();
    db = await rawClient(t.keyspace);
    logOffset = existsSync(systemLog) ? statSync(systemLog).size : 0;
  });
  afterAll(async () => {
    await db.shutdown();
    await t.close();
  });

  /** Local partition reads of this test's keyspace so far, from the node's own metrics (one node: one replica). */
  const partitionReads = async () => {
    const rows = await db.execute(
      'SELECT count FROM system_views.local_read_latency WHERE keyspace_name = ?',
      [t.keyspace],
    );
    return rows.rows.reduce((sum, row) => sum + Number(row.get('count')), 0);
  };
  /** Tombstone cells one read met, from its trace ("Read N live rows and M tombstone cells"). */
  const tombstonesRead = async (query: string, params: unknown[]) => {
    const result = await db.execute(query, params, { prepare: true, traceQuery: true, fetchSize: 100_000 });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const events = await db.execute('SELECT activity FROM system_traces.events WHERE session_id = ?', [
        result.info.traceId,
      ]);
      const counts = events.rows
        .map((row) => /Read \d+ live rows and (\d+) tombstone cells/.exec(row.get('activity') as string))
        .filter((match): match is RegExpExecArray => match !== null);
      if (counts.length > 0) return counts.reduce((sum, match) => sum + Number(match[1]), 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no trace of ${query}`);
  };
  const firstPage = async (userId: number) => {
    const before = await partitionReads();
    const res = await t.http().get(`/api/conversations/user/${userId}?limit=20`).expect(200);
    return { reads: (await partitionReads()) - before, data: res.body.data as ListItem[] };
  };
  const newestOf = async (conversationId: string) =>
    (await t.http().get(`/api/messages/conversation/${conversationId}?limit=1`).expect(200)).body.data[0]
      .id as string;
  /** Sends `total` messages from SENDERS loops at once. */
  const pushConcurrently = async (total: number, sendOne: (index: number) => Promise<void>) => {
    let next = 0;
    await forEachLimited(range(1, SENDERS), SENDERS, async () => {
      for (let index = next++; index < total; index = next++) await sendOne(index);
    });
  };

  it(`keeps every member's list right and its first page as cheap as a quiet user's under ${DIRECT_MESSAGES} + ${GROUP_MESSAGES} concurrent sends`, async () => {
    const members = range(601, 600 + GROUP_SIZE);
    await t.users(501, 502, 503, 504, ...members);
    const tokens = new Map<number, string>();
    await forEachLimited(members, 8, async (id) => {
      tokens.set(
        id,
        (await t.http().post(`/api/users/${id}/tokens`).expect(201)).body.access_token as string,
      );
    });

    let directId = '';
    await pushConcurrently(DIRECT_MESSAGES, async (index) => {
      const [from, to] = index % 2 === 0 ? [501, 502] : [502, 501];
      const res = await t
        .http()
        .post('/api/messages')
        .send({ sender_id: from, receiver_id: to, content: `direct ${index}` })
        .expect(201);
      directId = res.body.conversation_id as string;
    });
    const group = await t
      .as(tokens.get(601) ?? '')
      .post('/api/conversations')
      .send({ title: 'Busy', member_ids: members.slice(1) })
      .expect(201);
    const groupId = group.body.id as string;
    await pushConcurrently(GROUP_MESSAGES, async (index) => {
      await t
        .as(tokens.get(members[index % GROUP_SIZE]) ?? '')
        .post(`/api/conversations/${groupId}/messages`)
        .send({ content: `group ${index}` })
        .expect(201);
    });
    await t
      .http()
      .post('/api/messages')
      .send({ sender_id: 503, receiver_id: 504, content: 'quiet' })
      .expect(201);

    const [directNewest, groupNewest] = [await newestOf(directId), await newestOf(groupId)];
    const quiet = await firstPage(503);
    expect(quiet.data).toHaveLength(1);
    // The user's buckets, today's bucket, its pointers, and the conversation count (SCHEMA.md, the inbox).
    expect(quiet.reads).toBe(4);
    // With one unread message, its count adds the conversation's bucket list and one slice of one bucket.
    const quietUnread = await firstPage(504);
    expect(quietUnread.data.map((c) => c.unread_count)).toEqual([1]);
    expect(quietUnread.reads).toBe(6);
    /** As cheap as the quiet reader in the same state, however hot the conversation (counts stop at 100). */
    const expectQuietCost = (page: { reads: number; data: ListItem[] }) => {
      expect(page.reads).toBe(page.data[0].unread_count === 0 ? quiet.reads : quietUnread.reads);
    };
    for (const userId of [501, 502]) {
      const page = await firstPage(userId);
      expect(page.data.map((c) => [c.id, c.last_message_id])).toEqual([[directId, directNewest]]);
      expectQuietCost(page);
    }
    for (const userId of members) {
      const page = await firstPage(userId);
      expect(page.data.map((c) => [c.id, c.last_message_id])).toEqual([[groupId, groupNewest]]);
      expectQuietCost(page);
    }

    // No partition the sends wrote holds a tombstone (each read traced, as the node reports it), and the
    // node warned of none.
    const bucket = inboxBucketOf(Date.now());
    const partitions: [string, unknown[]][] = [501, 502, 601, 625, 650].flatMap(
      (userId): [string, unknown[]][] => [
        ['SELECT * FROM inbox_entries WHERE user_id = ? AND bucket = ?', [userId, bucket]],
        ['SELECT * FROM inbox_pointers WHERE user_id = ?', [userId]],
        ['SELECT * FROM inbox_buckets WHERE user_id = ?', [userId]],
      ],
    );
    let largestBucket = 0;
    for (const [id, sent] of [
      [directId, DIRECT_MESSAGES],
      [groupId, GROUP_MESSAGES],
    ] as const) {
      // Every message bucket stays within its bound (one bucket here, or two across midnight).
      const buckets = (
        await db.execute('SELECT bucket FROM conversation_buckets WHERE conversation_id = ?', [id])
      ).rows.map((row) => row.get('bucket') as number);
      const sizes = [];
      for (const bucket of buckets) {
        const query = 'SELECT * FROM messages_by_conversation WHERE conversation_id = ? AND bucket = ?';
        partitions.push([query, [id, bucket]]);
        sizes.push((await db.execute(query, [id, bucket], { prepare: true, fetchSize: 10_000 })).rowLength);
      }
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(sent);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(DEFAULT_BUCKET_MAX_MESSAGES);
      largestBucket = Math.max(largestBucket, ...sizes);
      partitions.push(['SELECT * FROM conversations WHERE conversation_id = ?', [id]]);
    }
    const found = [];
    for (const [query, params] of partitions) found.push(await tombstonesRead(query, params));
    console.log(
      `hot traffic: a first list page read ${quiet.reads} partitions for a quiet reader, ${quietUnread.reads} ` +
        `with one unread message, and the same for every member of the hot conversations; tombstone cells met ` +
        `in the ${partitions.length} partitions the sends wrote: ${found.reduce((sum, n) => sum + n, 0)}; ` +
        `largest message bucket: ${largestBucket} rows (bound ${DEFAULT_BUCKET_MAX_MESSAGES})`,
    );
    expect(found).toEqual(partitions.map(() => 0));
    expect(existsSync(systemLog)).toBe(true);
    const logged = readFileSync(systemLog).subarray(logOffset).toString('utf8');
    expect(logged.split('\n').filter((line) => /tombstone/i.test(line))).toEqual([]);
  }, 240_000);
});
