import { forEachLimited } from '../src/common/concurrency';
import { range, createTestApp, Session, TestApp } from './support/test-app';

/** Small buckets, so 5,100 messages span about 50 of them and a position 5,000 back is far from the head. */
const BUCKET_MAX = 100;
const MESSAGES = 5_100;

/** A clock that moves on by `step` ms each time it is read. */
class SteppingClock {
  private at = Date.parse('2026-03-02T09:00:00Z');
  constructor(private readonly step: number) {}
  now(): Date {
    const now = new Date(this.at);
    this.at += this.step;
    return now;
  }
}

interface Page {
  data: Array<{ id: string; content: string | null }>;
  next_cursor: string | null;
  newer_cursor: string | null;
  page: number;
  limit: number;
  total: number;
}

describe('history after and around a message', () => {
  let t: TestApp;
  let alice: Session;
  let bob: Session;
  let conversationId: string;
  /** The whole history, newest first, as the cursor pages read it. */
  let newestFirst: string[];

  const get = async (query: string, session = bob) =>
    (
      await t
        .as(session.access_token)
        .get(`/api/messages/conversation/${conversationId}?${query}`)
        .expect(200)
    ).body as Page;
  const ids = (page: Page) => page.data.map((message) => message.id);

  beforeAll(async () => {
    t = await createTestApp(
      { MESSAGE_BUCKET_MAX_MESSAGES: String(BUCKET_MAX) },
      { clock: new SteppingClock(20) },
    );
    [alice, bob] = [await t.register('positionsalice'), await t.register('positionsbob')];
    const first = await t
      .as(alice.access_token)
      .post('/api/messages')
      .send({ receiver_id: bob.user.id, content: 'message 0' })
      .expect(201);
    conversationId = (first.body as { conversation_id: string }).conversation_id;
    // All from alice, so bob's read position moves only when he marks it.
    await forEachLimited(range(1, MESSAGES - 1), 16, async (n) => {
      await t
        .as(alice.access_token)
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ content: `message ${n}` })
        .expect(201);
    });
    newestFirst = [];
    let cursor = '';
    do {
      const page = await get(`limit=100&cursor=${cursor}`);
      newestFirst.push(...ids(page));
      cursor = page.next_cursor ?? '';
    } while (cursor !== '');
  }, 300_000);
  afterAll(() => t.close());

  it('holds every message once, across many buckets', () => {
    expect(newestFirst).toHaveLength(MESSAGES);
    expect(new Set(newestFirst).size).toBe(MESSAGES);
  });

  it('answers the page around a message 5,000 back, with cursors both ways', async () => {
    const target = 5_000;
    const page = await get(`around=${newestFirst[target]}&limit=21`);
    expect({ ...page, data: ids(page) }).toEqual({
      total: MESSAGES,
      page: 1,
      limit: 21,
      data: newestFirst.slice(target - 10, target + 11),
      next_cursor: expect.any(String),
      newer_cursor: expect.any(String),
    });
    const older = await get(`limit=21&cursor=${page.next_cursor}`);
    expect(ids(older)).toEqual(newestFirst.slice(target + 11, target + 32));
    const newer = await get(`limit=21&cursor=${page.newer_cursor}`);
    expect(ids(newer)).toEqual(newestFirst.slice(target - 31, target - 10).reverse());
    expect(newer.next_cursor).toEqual(expect.any(String));
  });

  it('fills a page around the newest or the oldest message from the side that has messages', async () => {
    const newest = await get(`around=${newestFirst[1]}&limit=10`);
    expect({ ...newest, data: ids(newest) }).toEqual({
      total: MESSAGES,
      page: 1,
      limit: 10,
      data: newestFirst.slice(0, 10),
      next_cursor: expect.any(String),
      newer_cursor: null,
    });
    const oldest = await get(`around=${newestFirst[MESSAGES - 1].toUpperCase()}&limit=10`);
    expect({ ...oldest, data: ids(oldest) }).toEqual({
      total: MESSAGES,
      page: 1,
      limit: 10,
      data: newestFirst.slice(MESSAGES - 10),
      next_cursor: null,
      newer_cursor: expect.any(String),
    });
  });

  it('walks forward from the read position to the newest, without gaps or repeats', async () => {
    const position = newestFirst[5_000];
    await t
      .as(bob.access_token)
      .post(`/api/conversations/${conversationId}/read`)
      .send({ message_id: position })
      .expect(204);
    const details = await t.as(bob.access_token).get(`/api/conversations/${conversationId}`).expect(200);
    expect(details.body).toEqual(expect.objectContaining({ last_read_message_id: position }));

    const seen: string[] = [];
    let page = await get(`after=${position}&limit=100`);
    expect(page.page).toBe(1);
    seen.push(...ids(page));
    while (page.next_cursor !== null) {
      page = await get(`limit=100&cursor=${page.next_cursor}`);
      seen.push(...ids(page));
    }
    expect(seen).toEqual(newestFirst.slice(0, 5_000).reverse());
    expect(page.newer_cursor).toBeNull();
  });

  it('lists nothing after the newest message', async () => {
    expect(await get(`after=${newestFirst[0]}`)).toEqual({
      total: MESSAGES,
      page: 1,
      limit: 20,
      data: [],
      next_cursor: null,
      newer_cursor: null,
    });
  });

  it('refuses two starts at once, malformed ids, and messages it does not hold', async () => {
    const bad = async (query: string, status: number, message: string | string[]) => {
      const res = await t
        .as(bob.access_token)
        .get(`/api/messages/conversation/${conversationId}?${query}`)
        .expect(status);
      expect(res.body).toEqual({ statusCode: status, error: expect.any(String), message });
    };
    const [one, two] = newestFirst;
    await bad(
      `after=${one}&around=${two}`,
      400,
      'after and around each say where the page starts; send one of them',
    );
    await bad(`after=${one}&page=2`, 400, 'after and page each say where the page starts; send one of them');
    await bad(
      `around=${one}&cursor=abc`,
      400,
      'around and cursor each say where the page starts; send one of them',
    );
    await bad('after=42', 400, ['after must be a message id (a version-1 UUID)']);
    await bad('around=7d444840-9dc0-41d4-a716-446655440000', 400, [
      'around must be a message id (a version-1 UUID)',
    ]);
    const unknown = '6a8f2e10-0000-11f0-8000-000000000000';
    await bad(`around=${unknown}`, 404, `message ${unknown} not found in conversation ${conversationId}`);

    const carol = await t.register('positionscarol');
    const other = await t
      .as(carol.access_token)
      .post('/api/messages')
      .send({ receiver_id: bob.user.id, content: 'elsewhere' })
      .expect(201);
    const foreign = (other.body as { id: string }).id;
    await bad(`around=${foreign}`, 404, `message ${foreign} not found in conversation ${conversationId}`);
    const outsider = await t
      .as(carol.access_token)
      .get(`/api/messages/conversation/${conversationId}?around=${one}`)
      .expect(404);
    expect(outsider.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: expect.stringContaining(conversationId),
    });
  });
});
