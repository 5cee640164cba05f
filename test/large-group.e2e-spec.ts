import { forEachLimited } from '../src/common/concurrency';
import { MAX_GROUP_MEMBERS } from '../src/conversations/conversation.model';
import { createTestApp, range, TestApp } from './support/test-app';

describe('a group of the largest size', () => {
  let t: TestApp;
  const others = range(700_001, 700_000 + MAX_GROUP_MEMBERS - 1);

  beforeAll(async () => {
    t = await createTestApp();
    await forEachLimited(
      Array.from({ length: Math.ceil(others.length / 50) }, (_, i) => others.slice(i * 50, i * 50 + 50)),
      4,
      (chunk) => t.users(...chunk),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it(`takes a send from one of its ${MAX_GROUP_MEMBERS} members and shows it at the top of every member's list`, async () => {
    const owner = await t.register('crowd_owner');
    const created = await t
      .as(owner.access_token)
      .post('/api/conversations')
      .send({ title: 'Everyone', member_ids: others })
      .expect(201);
    expect(created.body).toMatchObject({ kind: 'group', member_count: MAX_GROUP_MEMBERS, role: 'owner' });
    const sent = await t
      .as(owner.access_token)
      .post(`/api/conversations/${created.body.id}/messages`)
      .send({ content: 'hello, everyone' })
      .expect(201);
    const missing: number[] = [];
    await forEachLimited([owner.user.id, ...others], 16, async (userId) => {
      const list = await t.http().get(`/api/conversations/user/${userId}?limit=1`).expect(200);
      const top = list.body.data[0] as { id: string; last_message_id: string } | undefined;
      if (top?.id !== created.body.id || top?.last_message_id !== sent.body.id) missing.push(userId);
    });
    expect(missing).toEqual([]);
    const members = await t.http().get(`/api/conversations/${created.body.id}/members?limit=100`).expect(200);
    expect(members.body).toMatchObject({ total: MAX_GROUP_MEMBERS, limit: 100 });
    expect(members.body.data).toHaveLength(100);

    // Full: one more member is refused, and nothing changes.
    await t.users(701_000);
    const over = await t
      .as(owner.access_token)
      .post(`/api/conversations/${created.body.id}/members`)
      .send({ user_ids: [701_000] })
      .expect(400);
    expect(over.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: `a group has at most ${MAX_GROUP_MEMBERS} members; it has ${MAX_GROUP_MEMBERS}, and user_ids adds 1`,
    });
    const after = await t.http().get(`/api/conversations/${created.body.id}/members?limit=1`).expect(200);
    expect(after.body.total).toBe(MAX_GROUP_MEMBERS);
  });
});
