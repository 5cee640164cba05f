import { Client } from 'cassandra-driver';
import { createTestApp, range, rawClient, Session, TestApp } from './support/test-app';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('group conversations', () => {
  let t: TestApp;
  let db: Client;
  let alice: Session;
  let bob: Session;
  let carol: Session;
  let dave: Session;

  beforeAll(async () => {
    t = await createTestApp();
    db = await rawClient(t.keyspace);
    [alice, bob, carol, dave] = [
      await t.register('alice'),
      await t.register('bob'),
      await t.register('carol'),
      await t.register('dave'),
    ];
  });
  afterAll(async () => {
    await db.shutdown();
    await t.close();
  });

  const rows = async (table: string) =>
    (await db.execute(`SELECT count(*) AS n FROM ${table}`)).first().get('n').toNumber() as number;
  const createGroup = async (owner: Session, title: string, members: Session[]) =>
    (
      await t
        .as(owner.access_token)
        .post('/api/conversations')
        .send({ title, member_ids: members.map((m) => m.user.id) })
        .expect(201)
    ).body as { id: string };
  const say = async (who: Session, conversationId: string, content: string) =>
    (
      await t
        .as(who.access_token)
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ content })
        .expect(201)
    ).body as { id: string; created_at: string };
  const listOf = async (who: Session) =>
    (await t.as(who.access_token).get('/api/conversations').expect(200)).body as {
      total: number;
      data: { id: string; role: string; last_message_content: string | null }[];
    };

  it('creates a group: 201 with its details, the creator its owner, in every member list at once', async () => {
    const res = await t
      .as(alice.access_token)
      .post('/api/conversations')
      .send({ title: 'Trip ✈️', member_ids: [bob.user.id, carol.user.id, bob.user.id, alice.user.id] })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(UUID),
      kind: 'group',
      title: 'Trip ✈️',
      member_count: 3,
      role: 'owner',
      user1_id: null,
      user2_id: null,
      created_at: expect.stringMatching(ISO_UTC_MS),
      last_message_at: null,
      last_message_id: null,
      last_message_sender_id: null,
      last_message_content: null,
      message_count: 0,
      unread_count: 0,
      last_read_message_id: null,
    });
    const details = await t.as(bob.access_token).get(`/api/conversations/${res.body.id}`).expect(200);
    expect(details.body).toEqual({ ...res.body, role: 'member' });
    for (const [member, role] of [
      [alice, 'owner'],
      [bob, 'member'],
      [carol, 'member'],
    ] as const) {
      const list = await listOf(member);
      expect(list.data.find((c) => c.id === res.body.id)).toMatchObject({ role, last_message_content: null });
    }
    expect((await listOf(dave)).data.find((c) => c.id === res.body.id)).toBeUndefined();
  });

  it('takes messages from every member, in order, each moving the group to the top of every list', async () => {
    const group = await createGroup(alice, 'Book club', [bob, carol]);
    const direct = await t
      .as(bob.access_token)
      .post('/api/messages')
      .send({ receiver_id: carol.user.id, content: 'just us' })
      .expect(201);
    const first = await say(alice, group.id, 'hello all');
    expect(first).toEqual({
      id: expect.stringMatching(TIME_UUID),
      conversation_id: group.id,
      sender_id: alice.user.id,
      receiver_id: null,
      content: 'hello all',
      created_at: expect.stringMatching(ISO_UTC_MS),
      edited_at: null,
      deleted: false,
      reactions: [],
      reply_to: null,
      attachments: [],
    });
    await say(bob, group.id, 'hi alice');
    await say(carol, group.id, 'hey both');
    const history = await t.as(bob.access_token).get(`/api/messages/conversation/${group.id}`).expect(200);
    expect(history.body.total).toBe(3);
    expect(
      history.body.data.map((m: { content: string; sender_id: number }) => [m.sender_id, m.content]),
    ).toEqual([
      [carol.user.id, 'hey both'],
      [bob.user.id, 'hi alice'],
      [alice.user.id, 'hello all'],
    ]);
    for (const member of [alice, bob, carol]) {
      const list = await listOf(member);
      expect(list.data[0]).toMatchObject({ id: group.id, last_message_content: 'hey both' });
      expect(list.data.filter((c) => c.id === group.id)).toHaveLength(1);
    }
    // The direct conversation moves back up when written to.
    await say(carol, direct.body.conversation_id, 'back to you');
    expect((await listOf(bob)).data.slice(0, 2).map((c) => c.id)).toEqual([
      direct.body.conversation_id,
      group.id,
    ]);
  });

  it('sends into a direct conversation by id too, the receiver being the other member', async () => {
    const direct = await t
      .as(alice.access_token)
      .post('/api/messages')
      .send({ receiver_id: dave.user.id, content: 'hi dave' })
      .expect(201);
    const reply = await say(dave, direct.body.conversation_id, 'hi alice');
    expect(reply).toMatchObject({ sender_id: dave.user.id, receiver_id: alice.user.id });
    const members = await t
      .as(dave.access_token)
      .get(`/api/conversations/${direct.body.conversation_id}/members`);
    expect(members.body).toEqual({
      total: 2,
      page: 1,
      limit: 20,
      data: [alice.user.id, dave.user.id]
        .sort((a, b) => a - b)
        .map((user_id) => ({ user_id, role: 'member', added_at: expect.stringMatching(ISO_UTC_MS) })),
      next_cursor: null,
    });
  });

  it('keeps everything of a group from non-members behind the same 404 as an unknown id, writing nothing', async () => {
    const group = await createGroup(alice, 'Private', [bob, carol]);
    await say(alice, group.id, 'secret');
    const before = await rows('messages_by_conversation');
    const notFound = {
      statusCode: 404,
      error: 'Not Found',
      message: `conversation ${group.id} does not exist`,
    };
    const intruder = t.as(dave.access_token);
    expect(
      (await intruder.post(`/api/conversations/${group.id}/messages`).send({ content: 'me too' }).expect(404))
        .body,
    ).toEqual(notFound);
    expect((await intruder.get(`/api/conversations/${group.id}`).expect(404)).body).toEqual(notFound);
    expect((await intruder.get(`/api/messages/conversation/${group.id}`).expect(404)).body).toEqual(notFound);
    expect((await intruder.get(`/api/conversations/${group.id}/members`).expect(404)).body).toEqual(notFound);
    expect(await rows('messages_by_conversation')).toBe(before);
    // A trusted backend reads any conversation.
    await t.http().get(`/api/conversations/${group.id}/members`).expect(200);
  });

  it('pages the members by cursor in user id order', async () => {
    const extra = await Promise.all(range(1, 4).map((i) => t.register(`member${i}`)));
    const group = await createGroup(alice, 'Big', [bob, carol, ...extra]);
    const seen: { user_id: number; role: string }[] = [];
    let res = await t
      .as(carol.access_token)
      .get(`/api/conversations/${group.id}/members?limit=3`)
      .expect(200);
    expect(res.body).toMatchObject({ total: 7, page: 1, limit: 3 });
    seen.push(...res.body.data);
    while (res.body.next_cursor) {
      res = await t
        .as(carol.access_token)
        .get(`/api/conversations/${group.id}/members?limit=3&cursor=${res.body.next_cursor}`)
        .expect(200);
      seen.push(...res.body.data);
    }
    const ids = [alice, bob, carol, ...extra].map((s) => s.user.id).sort((a, b) => a - b);
    expect(seen.map((m) => m.user_id)).toEqual(ids);
    expect(seen.find((m) => m.user_id === alice.user.id)?.role).toBe('owner');
    expect(seen.filter((m) => m.role === 'member')).toHaveLength(6);
  });

  it.each([
    ['no title', { member_ids: [1, 2] }, 'title must'],
    ['a blank title', { title: '  ', member_ids: [1, 2] }, 'title must not be only white space'],
    ['member_ids not an array', { title: 'x', member_ids: 5 }, 'member_ids'],
    ['a member id that is a string', { title: 'x', member_ids: [1, '2'] }, 'member_ids'],
    ['a member id of zero', { title: 'x', member_ids: [1, 0] }, 'member_ids'],
    ['a single member', { title: 'x', member_ids: [1] }, 'member_ids must contain at least 2 elements'],
    [
      'over 1,000 ids',
      { title: 'x', member_ids: range(1, 1001) },
      'member_ids must contain no more than 1000',
    ],
  ])('refuses a group with %s (400), writing nothing', async (_, body, message) => {
    const before = await rows('conversations');
    const res = await t.as(alice.access_token).post('/api/conversations').send(body).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [expect.stringContaining(message)],
    });
    expect(await rows('conversations')).toBe(before);
  });

  it('refuses a group too small once repeated ids are folded, and one naming someone who is not a user', async () => {
    const before = await rows('conversations');
    const membersBefore = await rows('conversation_members');
    const small = await t
      .as(alice.access_token)
      .post('/api/conversations')
      .send({ title: 'x', member_ids: [bob.user.id, bob.user.id, alice.user.id] })
      .expect(400);
    expect(small.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'a group has 3 to 1000 members with its creator; member_ids makes 2',
    });
    const unknown = await t
      .as(alice.access_token)
      .post('/api/conversations')
      .send({ title: 'x', member_ids: [bob.user.id, 424242] })
      .expect(404);
    expect(unknown.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'member_ids 424242 is not a user',
    });
    expect(await rows('conversations')).toBe(before);
    expect(await rows('conversation_members')).toBe(membersBefore);
  });

  it('leaves group creation and sends by id to users, not API keys', async () => {
    await t
      .http()
      .post('/api/conversations')
      .send({ title: 'x', member_ids: [1, 2] })
      .expect(403);
    const group = await createGroup(alice, 'Keys', [bob, carol]);
    await t.http().post(`/api/conversations/${group.id}/messages`).send({ content: 'x' }).expect(403);
  });

  it("shows a group's new title and member count in every member's list, without moving it", async () => {
    const group = await createGroup(alice, 'Before', [bob, carol]);
    const last = await say(carol, group.id, 'last word');
    await t
      .as(alice.access_token)
      .patch(`/api/conversations/${group.id}`)
      .send({ title: 'After' })
      .expect(200);
    await t
      .as(alice.access_token)
      .post(`/api/conversations/${group.id}/members`)
      .send({ user_ids: [dave.user.id] })
      .expect(200);
    for (const who of [alice, bob, carol, dave]) {
      expect((await listOf(who)).data.find((c) => c.id === group.id)).toMatchObject({
        title: 'After',
        member_count: 4,
        last_message_id: last.id,
        last_message_content: 'last word',
      });
    }
    await t
      .as(alice.access_token)
      .delete(`/api/conversations/${group.id}/members/${dave.user.id}`)
      .expect(204);
    expect((await listOf(dave)).data.find((c) => c.id === group.id)).toBeUndefined();
    for (const who of [alice, bob, carol]) {
      expect((await listOf(who)).data.find((c) => c.id === group.id)).toMatchObject({ member_count: 3 });
    }
  });
});
