import { randomUUID } from 'node:crypto';
import { createTestApp, SettableClock, TestApp } from './support/test-app';

interface MessageBody {
  id: string;
  content: string;
  created_at: string;
}

const DAY = 86_400_000;

describe('conversation history', () => {
  let t: TestApp;
  let conversationId: string;
  /** 45 messages over 9 UTC days (5 a day, some just around midnight), oldest first. */
  const sentTimes: number[] = [];
  const base = Date.UTC(2025, 0, 10);

  beforeAll(async () => {
    const clock = new SettableClock();
    t = await createTestApp({}, { clock });
    await t.users(1, 2, 3, 4);
    for (let day = 0; day < 9; day += 1) {
      for (const offset of [1, 3_600_000, 43_200_000, DAY - 60_000, DAY - 1]) {
        const at = base + day * DAY + offset;
        sentTimes.push(at);
        clock.set(new Date(at));
        const sent = await t
          .http()
          .post('/api/messages')
          .send({
            sender_id: 1 + (sentTimes.length % 2),
            receiver_id: 2 - (sentTimes.length % 2),
            content: `m${sentTimes.length}`,
          })
          .expect(201);
        expect(sent.body.created_at).toBe(new Date(at).toISOString());
        conversationId = sent.body.conversation_id;
      }
    }
    clock.set(undefined);
  });
  afterAll(async () => {
    await t.close();
  });

  const url = (query = '') => `/api/messages/conversation/${conversationId}${query}`;
  const contents = (body: { data: MessageBody[] }) => body.data.map((m) => m.content);
  const expected = (from: number, count: number) => Array.from({ length: count }, (_, i) => `m${from - i}`);

  it('returns the newest page first with total and a cursor', async () => {
    const res = await t.http().get(url()).expect(200);
    expect(res.body).toMatchObject({ total: 45, page: 1, limit: 20 });
    expect(contents(res.body)).toEqual(expected(45, 20));
    expect(res.body.next_cursor).toEqual(expect.any(String));
    expect(res.body.data[0].created_at).toBe(new Date(sentTimes[44]).toISOString());
  });

  it('pages by number across day buckets', async () => {
    const page2 = await t.http().get(url('?page=2&limit=7')).expect(200);
    expect(contents(page2.body)).toEqual(expected(38, 7));
    const last = await t.http().get(url('?page=7&limit=7')).expect(200);
    expect(contents(last.body)).toEqual(expected(3, 3));
    expect(last.body.next_cursor).toBeNull();
    const past = await t.http().get(url('?page=8&limit=7')).expect(200);
    expect(past.body).toMatchObject({ data: [], next_cursor: null, page: 8, total: 45 });
  });

  it('walks the whole history by cursor, each message once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const res: { body: { page: number; next_cursor: string | null; data: MessageBody[] } } = await t
        .http()
        .get(url(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`))
        .expect(200);
      page += 1;
      expect(res.body.page).toBe(page);
      seen.push(...contents(res.body));
      cursor = res.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(expected(45, 45));
    expect(page).toBe(12);
  });

  it('is not shifted by messages sent while paging', async () => {
    const first = await t.http().get(url('?limit=10')).expect(200);
    await t.http().post('/api/messages').send({ sender_id: 1, receiver_id: 2, content: 'new' }).expect(201);
    const second = await t
      .http()
      .get(url(`?limit=10&cursor=${first.body.next_cursor}`))
      .expect(200);
    expect(contents(second.body)).toEqual(expected(35, 10));
    const head = await t.http().get(url('?limit=1')).expect(200);
    expect(contents(head.body)).toEqual(['new']);
    expect(head.body.total).toBe(46);
  });

  describe('before_timestamp', () => {
    it('reads an instant past the last one a timeuuid holds (about 5236) as after every message, not a 500', async () => {
      const head = await t.http().get(url('?limit=5')).expect(200);
      for (const at of ['9200-02-29', '9999-12-31T23:59:59.999Z', '5236-03-31T21:21:00.684Z']) {
        const res = await t
          .http()
          .get(url(`/before?before_timestamp=${at}&limit=5`))
          .expect(200);
        expect({ at, body: res.body }).toEqual({
          at,
          body: { ...head.body, next_cursor: expect.any(String) },
        });
      }
      const none = await t.http().get(url('/before?before_timestamp=0000-01-01')).expect(200);
      expect(none.body).toEqual({
        total: head.body.total,
        page: 1,
        limit: 20,
        data: [],
        next_cursor: null,
        newer_cursor: null,
      });
    });

    it('lists only messages created strictly before the instant', async () => {
      const at = new Date(sentTimes[20]).toISOString();
      const res = await t
        .http()
        .get(url(`/before?before_timestamp=${at}&limit=5`))
        .expect(200);
      expect(contents(res.body)).toEqual(expected(20, 5));
      expect(res.body.data.every((m: MessageBody) => Date.parse(m.created_at) < sentTimes[20])).toBe(true);
    });

    it('reads a time without a zone as UTC, and honours offsets', async () => {
      const at = new Date(sentTimes[20]).toISOString();
      const zoneless = at.slice(0, -1);
      const shifted = new Date(sentTimes[20] + 2 * 3_600_000).toISOString().slice(0, -1) + '+02:00';
      const a = await t
        .http()
        .get(url(`/before?before_timestamp=${zoneless}&limit=3`))
        .expect(200);
      const b = await t
        .http()
        .get(url(`/before?before_timestamp=${encodeURIComponent(shifted)}&limit=3`))
        .expect(200);
      expect(contents(a.body)).toEqual(expected(20, 3));
      expect(contents(b.body)).toEqual(expected(20, 3));
    });

    it('crosses day buckets, continues by cursor, and includes a message one millisecond earlier', async () => {
      // sentTimes[10] is 1 ms after midnight: the instant one millisecond after message 10 lists it.
      const at = new Date(sentTimes[10] + 1).toISOString();
      const page1 = await t
        .http()
        .get(url(`/before?before_timestamp=${at}&limit=6`))
        .expect(200);
      expect(contents(page1.body)).toEqual(expected(11, 6));
      const page2 = await t
        .http()
        .get(url(`/before?before_timestamp=${at}&limit=6&cursor=${page1.body.next_cursor}`))
        .expect(200);
      expect(contents(page2.body)).toEqual(expected(5, 5));
      expect(page2.body.next_cursor).toBeNull();
    });

    it('is empty before the first message and complete after the last', async () => {
      const early = await t.http().get(url('/before?before_timestamp=2020-01-01')).expect(200);
      expect(early.body).toMatchObject({ data: [], next_cursor: null });
      const late = await t
        .http()
        .get(url('/before?before_timestamp=2999-12-31T23:59:59Z&limit=100'))
        .expect(200);
      expect(late.body.data).toHaveLength(46);
    });

    it.each([
      ['', 'before_timestamp'],
      ['?before_timestamp=yesterday', 'before_timestamp must be an ISO 8601'],
      ['?before_timestamp=2025-02-30T00:00:00Z', 'before_timestamp'],
      ['?before_timestamp=1736467200', 'before_timestamp'],
      ['?before_timestamp=2025-01-10T25:00:00Z', 'before_timestamp'],
    ])('refuses %p with a 400 naming the field', async (query, named) => {
      const res = await t
        .http()
        .get(url(`/before${query}`))
        .expect(400);
      expect(JSON.stringify(res.body.message)).toContain(named);
    });
  });

  it('refuses a page deeper than the bound and points to cursor', async () => {
    const res = await t.http().get(url('?page=52&limit=20')).expect(400);
    expect(res.body.message).toContain('cursor');
  });

  it('refuses a cursor of another conversation, a forged cursor and a mismatched page', async () => {
    const other = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: 3, receiver_id: 4, content: 'x' })
      .expect(201);
    await t.http().post('/api/messages').send({ sender_id: 3, receiver_id: 4, content: 'y' }).expect(201);
    const page = await t
      .http()
      .get(`/api/messages/conversation/${other.body.conversation_id}?limit=1`)
      .expect(200);
    const foreign = await t
      .http()
      .get(url(`?cursor=${page.body.next_cursor}`))
      .expect(400);
    expect(foreign.body.message).toContain('different list');
    const forged = Buffer.from(
      JSON.stringify({ v: 1, k: 'm', s: conversationId, p: 2, at: { bucket: 1, id: 'x' } }),
    ).toString('base64url');
    await t
      .http()
      .get(url(`?cursor=${forged}`))
      .expect(400);
    const mine = await t.http().get(url('?limit=2')).expect(200);
    const mismatch = await t
      .http()
      .get(url(`?page=5&cursor=${mine.body.next_cursor}`))
      .expect(400);
    expect(mismatch.body.message).toContain('does not match');
  });

  it('answers 404 for an unknown conversation on both endpoints, 400 for a malformed id', async () => {
    const id = randomUUID();
    await t.http().get(`/api/messages/conversation/${id}`).expect(404);
    await t.http().get(`/api/messages/conversation/${id}/before?before_timestamp=2025-01-01`).expect(404);
    const bad = await t.http().get('/api/messages/conversation/123').expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('conversation_id');
  });
});
