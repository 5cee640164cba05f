import { Client, types } from 'cassandra-driver';
import { forEachLimited } from '../src/common/concurrency';
import { legacyDayBucketOf } from '../src/messages/message-bucket';
import { createTestApp, rawClient, TestApp } from './support/test-app';

const BUCKET_MAX = 20;
const SENDERS = 16;

/** A clock that moves on by `step` ms each time it is read, from where a test sets it. */
class SteppingClock {
  private at = Date.now();
  constructor(private readonly step: number) {}
  set(iso: string): void {
    this.at = Date.parse(iso);
  }
  now(): Date {
    const now = new Date(this.at);
    this.at += this.step;
    return now;
  }
}

interface MessageBody {
  id: string;
  conversation_id: string;
  content: string;
  created_at: string;
}

describe('message buckets sized by activity', () => {
  let t: TestApp;
  let db: Client;
  const clock = new SteppingClock(250);

  beforeAll(async () => {
    t = await createTestApp({ MESSAGE_BUCKET_MAX_MESSAGES: String(BUCKET_MAX) }, { clock });
    db = await rawClient(t.keyspace);
  });
  afterAll(async () => {
    await db.shutdown();
    await t.close();
  });

  const send = async (from: number, to: number, content: string, clientMessageId?: string) =>
    (
      await t
        .http()
        .post('/api/messages')
        .send({ sender_id: from, receiver_id: to, content, client_message_id: clientMessageId })
        .expect(201)
    ).body as MessageBody;

  /** The whole history by cursor, newest first, `limit` at a time. */
  const historyByCursor = async (conversationId: string, limit: number) => {
    const seen: MessageBody[] = [];
    let cursor = '';
    do {
      const res = await t
        .http()
        .get(`/api/messages/conversation/${conversationId}?limit=${limit}&cursor=${cursor}`)
        .expect(200);
      seen.push(...(res.body.data as MessageBody[]));
      cursor = (res.body.next_cursor as string | null) ?? '';
    } while (cursor !== '');
    return seen;
  };

  /** Rows of each of the conversation's buckets, newest bucket first. */
  const bucketSizes = async (conversationId: string) => {
    const id = types.Uuid.fromString(conversationId);
    const buckets = (
      await db.execute('SELECT bucket FROM conversation_buckets WHERE conversation_id = ?', [id])
    ).rows.map((row) => row.get('bucket') as number);
    const sizes = new Map<number, number>();
    for (const bucket of buckets) {
      const rows = await db.execute(
        'SELECT message_id FROM messages_by_conversation WHERE conversation_id = ? AND bucket = ?',
        [id, bucket],
        { prepare: true, fetchSize: 5000 },
      );
      sizes.set(bucket, rows.rowLength);
    }
    return sizes;
  };

  const newestFirst = (messages: MessageBody[]) =>
    [...messages].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));

  it(`closes a bucket after ${BUCKET_MAX} messages under ${SENDERS} concurrent senders; history reads each message once, in order`, async () => {
    await t.users(1, 2);
    clock.set('2026-06-01T10:00:00Z');
    const sent: MessageBody[] = [];
    await forEachLimited(
      Array.from({ length: 320 }, (_, i) => i),
      SENDERS,
      async (i) => {
        sent.push(await send(1 + (i % 2), 2 - (i % 2), `m${i}`, `bucket-${i}`));
      },
    );
    const conversationId = sent[0].conversation_id;

    const sizes = [...(await bucketSizes(conversationId)).values()];
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(320);
    // A bucket closes at its limit; sends already on their way when it does may still land in it.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(BUCKET_MAX + SENDERS);
    expect(sizes.length).toBeGreaterThanOrEqual(Math.ceil(320 / (BUCKET_MAX + SENDERS)));

    const expected = newestFirst(sent).map((m) => m.id);
    expect((await historyByCursor(conversationId, 37)).map((m) => m.id)).toEqual(expected);
    const head = await t.http().get(`/api/messages/conversation/${conversationId}?limit=100`).expect(200);
    expect(head.body).toMatchObject({ total: 320, page: 1, limit: 100 });
    expect(head.body.data.map((m: MessageBody) => m.id)).toEqual(expected.slice(0, 100));

    // From just before a point in time: exactly the messages sent earlier, whichever bucket holds them.
    const pivot = newestFirst(sent)[150];
    const before = await t
      .http()
      .get(
        `/api/messages/conversation/${conversationId}/before?before_timestamp=${pivot.created_at}&limit=30`,
      )
      .expect(200);
    expect(before.body.data.map((m: MessageBody) => m.id)).toEqual(
      newestFirst(sent)
        .filter((m) => m.created_at < pivot.created_at)
        .slice(0, 30)
        .map((m) => m.id),
    );
  });

  it('opens a bucket at each new UTC day, however few messages the last one holds', async () => {
    await t.users(3, 4);
    clock.set('2026-06-01T23:59:59Z');
    const late = await send(3, 4, 'late');
    clock.set('2026-06-02T00:00:01Z');
    const early = await send(4, 3, 'early');
    expect([...(await bucketSizes(late.conversation_id)).values()]).toEqual([1, 1]);
    expect((await historyByCursor(late.conversation_id, 1)).map((m) => m.content)).toEqual([
      early.content,
      late.content,
    ]);
  });

  it('replays a client_message_id into the bucket its message was placed in, after that bucket closed', async () => {
    await t.users(5, 6);
    clock.set('2026-06-01T12:00:00Z');
    const first = await send(5, 6, 'first', 'early-one');
    for (let i = 0; i < 3 * BUCKET_MAX; i += 1) await send(5, 6, `after ${i}`);
    const replay = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: 5, receiver_id: 6, content: 'first', client_message_id: 'early-one' })
      .expect(200);
    expect(replay.body).toEqual(first);
    const sizes = await bucketSizes(first.conversation_id);
    expect([...sizes.values()].reduce((sum, size) => sum + size, 0)).toBe(3 * BUCKET_MAX + 1);
    const history = await historyByCursor(first.conversation_id, 50);
    expect(history.filter((m) => m.id === first.id)).toEqual([first]);
  });

  it('merges a message a sender wrote into an older bucket after a newer one opened, in time order', async () => {
    await t.users(7, 8);
    clock.set('2026-06-01T14:00:00Z');
    const sent: MessageBody[] = [];
    for (let i = 0; i < BUCKET_MAX + 5; i += 1) sent.push(await send(7, 8, `m${i}`));
    const conversationId = sent[0].conversation_id;
    const buckets = [...(await bucketSizes(conversationId)).keys()];
    expect(buckets.length).toBe(2);
    // A sender that read the conversation before the newer bucket opened still names the older one.
    const id = types.Uuid.fromString(conversationId);
    const stale = await db.execute(
      'SELECT WRITETIME(latest_message) AS at FROM conversations WHERE conversation_id = ?',
      [id],
    );
    await db.execute(
      'UPDATE conversations USING TIMESTAMP ? SET message_bucket = ? WHERE conversation_id = ?',
      [(stale.first().get('at') as types.Long).add(1), buckets[1], id],
      { prepare: true },
    );
    const late = await send(8, 7, 'late');
    sent.push(late);
    expect((await bucketSizes(conversationId)).get(buckets[1])).toBe(BUCKET_MAX + 1);

    const expected = newestFirst(sent).map((m) => m.id);
    expect(expected[0]).toBe(late.id);
    for (const limit of [1, 4, 50])
      expect((await historyByCursor(conversationId, limit)).map((m) => m.id)).toEqual(expected);
  });

  it('keeps reading day buckets of the earlier design, and replays their claims into them', async () => {
    await t.users(9, 10);
    clock.set('2026-05-20T10:00:00Z');
    const old = [
      await send(9, 10, 'old 1', 'legacy-claim'),
      await send(10, 9, 'old 2'),
      await send(9, 10, 'old 3'),
    ];
    const conversationId = old[0].conversation_id;
    const id = types.Uuid.fromString(conversationId);
    // Rewrite the conversation as the earlier design stored it: one bucket per UTC day, numbered by the day,
    // no open bucket, no bucket in the claim.
    const [bucket] = [...(await bucketSizes(conversationId)).keys()];
    const day = legacyDayBucketOf(Date.parse('2026-05-20T10:00:00Z') * 1000);
    const rows = await db.execute(
      'SELECT message_id, sender_id, receiver_id, content FROM messages_by_conversation WHERE conversation_id = ? AND bucket = ?',
      [id, bucket],
      { prepare: true },
    );
    for (const row of rows.rows) {
      await db.execute(
        'INSERT INTO messages_by_conversation (conversation_id, bucket, message_id, sender_id, receiver_id, content) VALUES (?, ?, ?, ?, ?, ?)',
        [id, day, row.get('message_id'), row.get('sender_id'), row.get('receiver_id'), row.get('content')],
        { prepare: true },
      );
    }
    // Deleted as of just after the old messages (their write time), so the later sends' writes stand.
    const asOf = types.Long.fromNumber(Date.parse('2026-05-20T10:00:01Z') * 1000);
    const options = { prepare: true };
    await db.execute(
      'DELETE FROM messages_by_conversation USING TIMESTAMP ? WHERE conversation_id = ? AND bucket = ?',
      [asOf, id, bucket],
      options,
    );
    await db.execute(
      'DELETE FROM conversation_buckets USING TIMESTAMP ? WHERE conversation_id = ?',
      [asOf, id],
      options,
    );
    await db.execute(
      'INSERT INTO conversation_buckets (conversation_id, bucket) VALUES (?, ?) USING TIMESTAMP ?',
      [id, day, asOf.add(1)],
      options,
    );
    await db.execute(
      'DELETE message_bucket FROM conversations USING TIMESTAMP ? WHERE conversation_id = ?',
      [asOf, id],
      options,
    );
    await db.execute(
      'DELETE bucket FROM message_requests WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?',
      [id, types.Long.fromNumber(9), 'legacy-claim'],
      { prepare: true },
    );

    clock.set('2026-05-21T09:00:00Z');
    const recent = [await send(10, 9, 'new 1'), await send(9, 10, 'new 2')];
    const replay = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: 9, receiver_id: 10, content: 'old 1', client_message_id: 'legacy-claim' })
      .expect(200);
    expect(replay.body).toEqual(old[0]);

    const expected = newestFirst([...old, ...recent]);
    expect(await historyByCursor(conversationId, 2)).toEqual(expected);
    const sizes = await bucketSizes(conversationId);
    expect(sizes.get(day)).toBe(3);
    expect([...sizes.values()].reduce((sum, size) => sum + size, 0)).toBe(5);
    const before = await t
      .http()
      .get(`/api/messages/conversation/${conversationId}/before?before_timestamp=2026-05-21T00:00:00Z`)
      .expect(200);
    expect(before.body.data.map((m: MessageBody) => m.id)).toEqual(newestFirst(old).map((m) => m.id));
  });
});
