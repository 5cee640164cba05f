import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp, range } from './support/test-app';

describe('conversations', () => {
  let t: TestApp;
  const send = (sender_id: number, receiver_id: number, content: string) =>
    t.http().post('/api/messages').send({ sender_id, receiver_id, content }).expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    await t.users(1, 2, 3, 4, 7, 8, ...range(100, 125));
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists a user's conversations once each, most recent activity first, with the latest message", async () => {
    await send(1, 2, 'to 2, first');
    await send(1, 3, 'to 3');
    await send(4, 1, 'from 4');
    await send(2, 1, 'from 2, latest');
    const res = await t.http().get('/api/conversations/user/1').expect(200);
    expect(res.body.total).toBe(3);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.data.map((c: { last_message_content: string }) => c.last_message_content)).toEqual([
      'from 2, latest',
      'from 4',
      'to 3',
    ]);
    const first = res.body.data[0];
    expect(first).toMatchObject({ user1_id: 1, user2_id: 2, last_message_sender_id: 2 });
    expect(Date.parse(first.last_message_at)).toBeGreaterThanOrEqual(Date.parse(first.created_at));

    const forFour = await t.http().get('/api/conversations/user/4').expect(200);
    expect(forFour.body).toMatchObject({ total: 1, page: 1, limit: 20 });
  });

  it('gives a user without conversations an empty page', async () => {
    const res = await t.http().get('/api/conversations/user/999999').expect(200);
    expect(res.body).toEqual({ total: 0, page: 1, limit: 20, data: [], next_cursor: null });
  });

  it('pages by number and by cursor without repeating or skipping, while activity moves conversations', async () => {
    for (let other = 101; other <= 125; other += 1) await send(100, other, `hello ${other}`);
    const byPage1 = await t.http().get('/api/conversations/user/100?page=1&limit=10').expect(200);
    const byPage3 = await t.http().get('/api/conversations/user/100?page=3&limit=10').expect(200);
    expect(byPage1.body.data[0].user2_id).toBe(125);
    expect(byPage3.body.data).toHaveLength(5);
    expect(byPage3.body.next_cursor).toBeNull();

    const seen: number[] = [];
    let cursor: string | null = byPage1.body.next_cursor;
    seen.push(...byPage1.body.data.map((c: { user2_id: number }) => c.user2_id));
    // A conversation already seen moves to the top meanwhile: the cursor pages must not show it again.
    await send(101, 100, 'back to the top');
    let pageNumber = 1;
    while (cursor) {
      const res = await t.http().get(`/api/conversations/user/100?limit=10&cursor=${cursor}`).expect(200);
      pageNumber += 1;
      expect(res.body.page).toBe(pageNumber);
      seen.push(...res.body.data.map((c: { user2_id: number }) => c.user2_id));
      cursor = res.body.next_cursor;
    }
    // 101 moved above the cursor: the scroll neither repeats a conversation nor shifts; 101 is now at the top.
    expect(seen).toEqual(Array.from({ length: 24 }, (_, i) => 125 - i));
    const head = await t.http().get('/api/conversations/user/100?limit=1').expect(200);
    expect(head.body.data[0]).toMatchObject({ user2_id: 101, last_message_content: 'back to the top' });
  });

  it('reads past the end as an empty page', async () => {
    const res = await t.http().get('/api/conversations/user/100?page=10&limit=10').expect(200);
    expect(res.body).toMatchObject({ page: 10, data: [], next_cursor: null, total: 25 });
  });

  it('returns one conversation with its message count, 404 when unknown', async () => {
    const sent = await send(7, 8, 'details');
    await send(8, 7, 'more');
    const res = await t.http().get(`/api/conversations/${sent.body.conversation_id}`).expect(200);
    expect(res.body).toMatchObject({
      id: sent.body.conversation_id,
      user1_id: 7,
      user2_id: 8,
      last_message_content: 'more',
      message_count: 2,
      created_at: sent.body.created_at,
    });
    const missing = await t.http().get(`/api/conversations/${randomUUID()}`).expect(404);
    expect(missing.body.message).toContain('does not exist');
  });

  it.each([
    ['/api/conversations/user/abc', 'user_id'],
    ['/api/conversations/user/0', 'user_id'],
    ['/api/conversations/user/1.5', 'user_id'],
    ['/api/conversations/user/9007199254740992', 'user_id'],
    ['/api/conversations/user/1?limit=0', 'limit'],
    ['/api/conversations/user/1?limit=101', 'limit'],
    ['/api/conversations/user/1?page=0', 'page'],
    ['/api/conversations/user/1?page=-1', 'page'],
    ['/api/conversations/user/1?page=1&page=2', 'page'],
    ['/api/conversations/user/1?cursor=garbage', 'cursor'],
    ['/api/conversations/user/1?page=60&limit=20', 'cursor'],
    ['/api/conversations/user/1?sort=asc', 'property sort should not exist'],
    ['/api/conversations/not-a-uuid', 'conversation_id'],
  ])('GET %s is a 400 naming %s', async (url, named) => {
    const res = await t.http().get(url).expect(400);
    expect(JSON.stringify(res.body.message)).toContain(named);
  });

  it("refuses another user's cursor", async () => {
    const page = await t.http().get('/api/conversations/user/100?limit=5').expect(200);
    const res = await t.http().get(`/api/conversations/user/1?cursor=${page.body.next_cursor}`).expect(400);
    expect(res.body.message).toContain('different list');
  });
});
