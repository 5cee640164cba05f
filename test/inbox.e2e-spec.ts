import { Client, types } from 'cassandra-driver';
import { inboxBucketOf } from '../src/conversations/inbox';
import { createTestApp, rawClient, SettableClock, TestApp } from './support/test-app';

interface ListItem {
  id: string;
  last_message_id: string | null;
  last_message_content: string | null;
  last_message_at: string | null;
}

const DAY_MS = 86_400_000;

describe("a user's inbox", () => {
  let t: TestApp;
  let db: Client;
  const clock = new SettableClock();
  /** Noon UTC three days ago: far enough back that "yesterday" and "today" of the tests are in the past. */
  const dayZero = Math.floor(Date.now() / DAY_MS) * DAY_MS - 3 * DAY_MS + DAY_MS / 2;
  const at = (day: number, minutes = 0) => new Date(dayZero + day * DAY_MS + minutes * 60_000);

  beforeAll(async () => {
    t = await createTestApp({}, { clock });
    db = await rawClient(t.keyspace);
  });
  afterAll(async () => {
    await db.shutdown();
    await t.close();
  });
  afterEach(() => clock.set(undefined));

  const send = async (senderId: number, receiverId: number, content: string, when?: Date) => {
    clock.set(when);
    const res = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: senderId, receiver_id: receiverId, content });
    clock.set(undefined);
    expect(res.status).toBe(201);
    return res.body as { id: string; conversation_id: string; created_at: string };
  };
  const list = async (userId: number, query = '') =>
    (await t.http().get(`/api/conversations/user/${userId}${query}`).expect(200)).body as {
      total: number;
      data: ListItem[];
      next_cursor: string | null;
    };
  const inboxRows = async (userId: number, conversationId: string) => {
    const buckets = await db.execute('SELECT bucket FROM inbox_buckets WHERE user_id = ?', [userId], {
      prepare: true,
    });
    const rows: { bucket: number; activity: string }[] = [];
    for (const row of buckets.rows) {
      const entry = (
        await db.execute(
          'SELECT activity_id FROM inbox_entries WHERE user_id = ? AND bucket = ? AND conversation_id = ?',
          [userId, row.get('bucket'), conversationId],
          { prepare: true },
        )
      ).first();
      if (entry?.get('activity_id'))
        rows.push({ bucket: row.get('bucket') as number, activity: String(entry.get('activity_id')) });
    }
    return rows;
  };
  const pointer = async (userId: number, conversationId: string) => {
    const row = (
      await db.execute(
        'SELECT bucket, activity_id FROM inbox_pointers WHERE user_id = ? AND conversation_id = ?',
        [userId, conversationId],
        { prepare: true },
      )
    ).first();
    return row
      ? { bucket: row.get('bucket') as number, activity: String(row.get('activity_id')) }
      : undefined;
  };

  it('moves a conversation to a new day by deleting its row of the day it left, and shows it once', async () => {
    await t.users(1, 2);
    const first = await send(1, 2, 'on day one', at(0));
    const second = await send(2, 1, 'on day two', at(1));
    for (const userId of [1, 2]) {
      expect((await list(userId)).data).toEqual([
        expect.objectContaining({
          id: first.conversation_id,
          last_message_id: second.id,
          last_message_content: 'on day two',
        }),
      ]);
      expect(await inboxRows(userId, first.conversation_id)).toEqual([
        { bucket: inboxBucketOf(at(1).getTime()), activity: second.id },
      ]);
      expect(await pointer(userId, first.conversation_id)).toEqual({
        bucket: inboxBucketOf(at(1).getTime()),
        activity: second.id,
      });
    }
  });

  it('shows the newer row of a send cut short between its row and its pointer, and moves the pointer to it', async () => {
    await t.users(11, 12);
    const sent = await send(11, 12, 'stored', at(0));
    // As if a later send wrote user 11's row on day two and then failed before writing the pointer.
    const laterId = types.TimeUuid.fromDate(at(1, 5), 0);
    const bucket = inboxBucketOf(at(1).getTime());
    const micros = types.Long.fromNumber(at(1, 5).getTime() * 1000);
    await db.execute(
      `INSERT INTO inbox_entries (user_id, bucket, conversation_id, activity_id, kind, user1_id, user2_id, role,
        created_at, latest_message) VALUES (?, ?, ?, ?, 'direct', 11, 12, 'member', ?, ?) USING TIMESTAMP ?`,
      [
        11,
        bucket,
        sent.conversation_id,
        laterId,
        at(0),
        { message_id: laterId, revision: 0, sender_id: 12, content: 'cut short', deleted: false },
        micros,
      ],
      { prepare: true },
    );
    await db.execute(
      'INSERT INTO inbox_buckets (user_id, bucket) VALUES (?, ?) USING TIMESTAMP ?',
      [11, bucket, micros],
      {
        prepare: true,
      },
    );

    const page = await list(11);
    expect(page.data).toEqual([
      expect.objectContaining({
        id: sent.conversation_id,
        last_message_id: laterId.toString(),
        last_message_content: 'cut short',
      }),
    ]);
    expect(await pointer(11, sent.conversation_id)).toEqual({ bucket, activity: laterId.toString() });
  });

  it('deletes, on read, rows left behind and empty buckets of days older than yesterday', async () => {
    await t.users(31, 32);
    const old = await send(31, 32, 'old', at(0));
    const latest = await send(32, 31, 'latest', at(1));
    const [dayZero, dayOne, emptyDay] = [0, 1, -1].map((day) => inboxBucketOf(at(day).getTime()));
    // As if the send of day one had failed to delete the row of day zero, and a day's rows had all moved on.
    await db.execute(
      `INSERT INTO inbox_entries (user_id, bucket, conversation_id, activity_id, kind, user1_id, user2_id, role,
        created_at) VALUES (?, ?, ?, ?, 'direct', 31, 32, 'member', ?) USING TIMESTAMP ?`,
      [31, dayZero, old.conversation_id, old.id, at(0), types.Long.fromNumber(at(0).getTime() * 1000)],
      { prepare: true },
    );
    // Each bucket row at a time of its own day, as a send writes it.
    for (const [bucket, day] of [
      [dayZero, 0],
      [emptyDay, -1],
    ]) {
      await db.execute(
        'INSERT INTO inbox_buckets (user_id, bucket) VALUES (?, ?) USING TIMESTAMP ?',
        [31, bucket, types.Long.fromNumber(at(day).getTime() * 1000)],
        { prepare: true },
      );
    }

    expect((await list(31)).data.map((item) => item.last_message_id)).toEqual([latest.id]);
    let buckets: number[] = [];
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const rows = await db.execute('SELECT bucket FROM inbox_buckets WHERE user_id = ?', [31], {
        prepare: true,
      });
      buckets = rows.rows.map((row) => row.get('bucket') as number);
      if (buckets.length === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(buckets).toEqual([dayOne]);
    const leftBehind = await db.execute(
      'SELECT activity_id FROM inbox_entries WHERE user_id = ? AND bucket = ?',
      [31, dayZero],
      { prepare: true },
    );
    expect(leftBehind.rows).toEqual([]);
    expect((await list(31)).data.map((item) => item.last_message_id)).toEqual([latest.id]);
  });

  it('pages through a long list by cursor, newest first, each conversation once, never ending early', async () => {
    const owner = 100;
    const others = Array.from({ length: 25 }, (_, i) => 101 + i);
    await t.users(owner, ...others);
    const latest = new Map<number, string>();
    // Conversations spread over four days, then some of them active again later: rows left on the days they
    // moved from must never show.
    for (const [index, other] of others.entries()) {
      const sent = await send(other, owner, `first ${other}`, at(index % 4, index));
      latest.set(other, sent.id);
    }
    for (const other of others.filter((_, index) => index % 3 === 0)) {
      const sent = await send(owner, other, `again ${other}`, at(3, 100 + other));
      latest.set(other, sent.id);
    }
    const seen: ListItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=4&cursor=${cursor}` : '?limit=4';
      const page = await list(owner, query);
      expect(page.total).toBe(others.length);
      if (page.next_cursor !== null) expect(page.data).toHaveLength(4);
      seen.push(...page.data);
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(Math.ceil(others.length / 4));
    const expected = [...latest.values()].sort().reverse();
    const byTime = (a: string, b: string) =>
      types.TimeUuid.fromString(b).getDate().getTime() - types.TimeUuid.fromString(a).getDate().getTime();
    expect(seen.map((item) => item.last_message_id)).toEqual(expected.sort(byTime));
    expect(new Set(seen.map((item) => item.id)).size).toBe(others.length);
    // Page numbers read the same list.
    const byNumber = await list(owner, '?page=3&limit=4');
    expect(byNumber.data).toEqual(seen.slice(8, 12));
  });

  it('keeps send order and the preview when the instances handling sends disagree on the time by ten minutes', async () => {
    await t.users(21, 22);
    const now = Date.now();
    const sent: { id: string; content: string }[] = [];
    for (let i = 0; i < 20; i += 1) {
      // Every other send is handled by an instance whose clock runs ten minutes ahead.
      const skewed = new Date(now + i * 10 + (i % 2 === 0 ? 600_000 : 0));
      const content = `message ${i}`;
      const message = await send(i % 2 === 0 ? 21 : 22, i % 2 === 0 ? 22 : 21, content, skewed);
      sent.push({ id: message.id, content });
    }
    const conversationId = (await list(21)).data[0].id;
    const history = await t.http().get(`/api/messages/conversation/${conversationId}?limit=50`).expect(200);
    expect((history.body.data as { id: string; content: string }[]).map((m) => m.content).reverse()).toEqual(
      sent.map((m) => m.content),
    );
    for (const userId of [21, 22]) {
      expect((await list(userId)).data[0]).toMatchObject({
        last_message_id: sent[19].id,
        last_message_content: 'message 19',
      });
    }
    const details = await t.http().get(`/api/conversations/${conversationId}`).expect(200);
    expect(details.body).toMatchObject({ last_message_id: sent[19].id, last_message_content: 'message 19' });
  });
});
