import { Client, types } from 'cassandra-driver';
import { randomUUID } from 'node:crypto';
import { createTestApp, rawClient, Session, TEST_API_KEY, TestApp } from './support/test-app';

const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('who may read and write what', () => {
  let t: TestApp;
  let db: Client;
  let alice: Session;
  let bob: Session;
  let carol: Session;
  let conversationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = await rawClient(t.keyspace);
    [alice, bob, carol] = [await t.register('alice'), await t.register('bob'), await t.register('carol')];
    const sent = await t
      .as(alice.access_token)
      .post('/api/messages')
      .send({ receiver_id: bob.user.id, content: 'hi bob' })
      .expect(201);
    conversationId = sent.body.conversation_id;
  });
  afterAll(async () => {
    await db.shutdown();
    await t.close();
  });

  const rowCount = async (table: string) =>
    (await db.execute(`SELECT count(*) AS n FROM ${table}`)).first().get('n').toNumber() as number;

  it('sends as the signed-in user, with or without naming them as sender_id', async () => {
    const res = await t
      .as(bob.access_token)
      .post('/api/messages')
      .send({ receiver_id: alice.user.id, content: 'hey' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(TIME_UUID),
      conversation_id: conversationId,
      sender_id: bob.user.id,
      receiver_id: alice.user.id,
      content: 'hey',
      created_at: expect.stringMatching(ISO_UTC_MS),
      edited_at: null,
      deleted: false,
      reactions: [],
      reply_to: null,
      attachments: [],
    });
    await t
      .as(bob.access_token)
      .post('/api/messages')
      .send({ sender_id: bob.user.id, receiver_id: alice.user.id, content: 'again' })
      .expect(201);
  });

  it('refuses to post as someone else (403) and writes nothing', async () => {
    const before = await rowCount('messages_by_conversation');
    const res = await t
      .as(carol.access_token)
      .post('/api/messages')
      .send({ sender_id: alice.user.id, receiver_id: bob.user.id, content: 'I am alice' })
      .expect(403);
    expect(res.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: `sender_id must be the signed-in user (${carol.user.id}) or left out`,
    });
    expect(await rowCount('messages_by_conversation')).toBe(before);
  });

  it("opens a user's own notes conversation for a message to oneself, one member, once", async () => {
    const notes = await t.register('notes_keeper');
    const first = await t
      .as(notes.access_token)
      .post('/api/messages')
      .send({ receiver_id: notes.user.id, content: 'buy milk' })
      .expect(201);
    expect(first.body).toMatchObject({
      sender_id: notes.user.id,
      receiver_id: notes.user.id,
      content: 'buy milk',
    });
    const second = await t
      .as(notes.access_token)
      .post(`/api/conversations/${first.body.conversation_id}/messages`)
      .send({ content: 'and bread' })
      .expect(201);
    expect(second.body).toMatchObject({
      conversation_id: first.body.conversation_id,
      receiver_id: notes.user.id,
    });
    const list = await t.as(notes.access_token).get('/api/conversations').expect(200);
    expect(list.body).toMatchObject({ total: 1, next_cursor: null });
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: first.body.conversation_id,
        kind: 'direct',
        member_count: 1,
        user1_id: notes.user.id,
        user2_id: notes.user.id,
        last_message_content: 'and bread',
      }),
    ]);
    const members = await t
      .as(notes.access_token)
      .get(`/api/conversations/${first.body.conversation_id}/members`)
      .expect(200);
    expect(members.body).toMatchObject({ total: 1, data: [{ user_id: notes.user.id, role: 'member' }] });
    await t.as(carol.access_token).get(`/api/conversations/${first.body.conversation_id}`).expect(404);
  });

  it('answers 404 naming receiver_id for a receiver who is not a user, with a token and with a key, writing nothing', async () => {
    const conversations = await rowCount('conversations');
    const res = await t
      .as(carol.access_token)
      .post('/api/messages')
      .send({ receiver_id: 123456789, content: 'anyone?' })
      .expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'receiver_id 123456789 is not a user',
    });
    const byKey = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: carol.user.id, receiver_id: 123456789, content: 'x' })
      .expect(404);
    expect(byKey.body.message).toBe('receiver_id 123456789 is not a user');
    const badSender = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: 987654321, receiver_id: carol.user.id, content: 'x' })
      .expect(404);
    expect(badSender.body.message).toBe('sender_id 987654321 is not a user');
    expect(await rowCount('conversations')).toBe(conversations);
  });

  it("answers a non-member's reads of a conversation with the same 404 as an unknown id", async () => {
    const unknown = randomUUID();
    const reads = (id: string) => [
      `/api/conversations/${id}`,
      `/api/messages/conversation/${id}`,
      `/api/messages/conversation/${id}/before?before_timestamp=2999-01-01T00:00:00Z`,
    ];
    for (const [mine, other] of reads(conversationId).map((path, i) => [path, reads(unknown)[i]])) {
      const denied = await t.as(carol.access_token).get(mine).expect(404);
      const missing = await t.as(carol.access_token).get(other).expect(404);
      expect(denied.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `conversation ${conversationId} does not exist`,
      });
      expect(missing.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `conversation ${unknown} does not exist`,
      });
      await t.as(alice.access_token).get(mine).expect(200);
      await t.as(bob.access_token).get(mine).expect(200);
    }
  });

  it("lets members read the conversation's details and history", async () => {
    const details = await t.as(bob.access_token).get(`/api/conversations/${conversationId}`).expect(200);
    expect(details.body).toMatchObject({
      id: conversationId,
      user1_id: Math.min(alice.user.id, bob.user.id),
      user2_id: Math.max(alice.user.id, bob.user.id),
    });
    const history = await t
      .as(alice.access_token)
      .get(`/api/messages/conversation/${conversationId}`)
      .expect(200);
    expect(history.body.data.map((m: { content: string }) => m.content)).toEqual(
      expect.arrayContaining(['hi bob']),
    );
  });

  it("refuses a user's list to anyone else (403) and serves the caller's own at /api/conversations", async () => {
    const res = await t.as(carol.access_token).get(`/api/conversations/user/${alice.user.id}`).expect(403);
    expect(res.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: `a user may list only their own conversations (you are user ${carol.user.id})`,
    });
    const own = await t.as(alice.access_token).get('/api/conversations').expect(200);
    const byPath = await t.as(alice.access_token).get(`/api/conversations/user/${alice.user.id}`).expect(200);
    expect(own.body).toEqual(byPath.body);
    expect(own.body.data.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    const empty = await t.as(carol.access_token).get('/api/conversations').expect(200);
    expect(empty.body).toEqual({ total: 0, page: 1, limit: 20, data: [], next_cursor: null });
  });

  it('refuses the own-list and me routes to an API key, which has no user of its own', async () => {
    for (const path of ['/api/conversations', '/api/users/me']) {
      const res = await t.http().get(path).expect(403);
      expect(res.body.message).toMatch(/call it with a user access token, not an API key/);
    }
  });

  it('serves public profiles, 404 for an unknown id', async () => {
    const res = await t.as(carol.access_token).get(`/api/users/${alice.user.id}`).expect(200);
    expect(res.body).toEqual(alice.user);
    const missing = await t.as(carol.access_token).get('/api/users/5').expect(404);
    expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'user 5 does not exist' });
  });

  it('finds people by the start of their username, paged by cursor, in name order', async () => {
    for (const name of ['zed_a', 'zed_b', 'zed_c', 'zedd', 'zee']) await t.register(name);
    const first = await t.as(carol.access_token).get('/api/users?username_prefix=ZED&limit=3').expect(200);
    expect(first.body).toEqual({
      page: 1,
      limit: 3,
      data: ['zed_a', 'zed_b', 'zed_c'].map((username) => ({
        id: expect.any(Number),
        username,
        display_name: null,
        created_at: expect.stringMatching(ISO_UTC_MS),
      })),
      next_cursor: expect.any(String),
    });
    const second = await t
      .as(carol.access_token)
      .get(`/api/users?username_prefix=zed&limit=3&cursor=${first.body.next_cursor}`)
      .expect(200);
    expect(second.body).toMatchObject({ page: 2, limit: 3, next_cursor: null });
    expect(second.body.data.map((u: { username: string }) => u.username)).toEqual(['zedd']);
    const longer = await t.as(carol.access_token).get('/api/users?username_prefix=zed_b').expect(200);
    expect(longer.body.data.map((u: { username: string }) => u.username)).toEqual(['zed_b']);
    const none = await t.as(carol.access_token).get('/api/users?username_prefix=qqq').expect(200);
    expect(none.body).toEqual({ page: 1, limit: 20, data: [], next_cursor: null });
    const other = await t
      .as(carol.access_token)
      .get(`/api/users?username_prefix=zee&cursor=${first.body.next_cursor}`)
      .expect(400);
    expect(other.body.message).toBe('cursor belongs to a different list');
  });

  it.each([
    ['too short a prefix', 'username_prefix=ze', 'username_prefix must be 3 to 32 characters'],
    ['no prefix', '', 'username_prefix must be 3 to 32 characters'],
    [
      'a prefix with CQL in it',
      "username_prefix=a'%20OR%20'1'='1",
      'username_prefix must be 3 to 32 characters',
    ],
  ])('refuses a search with %s', async (_, query, message) => {
    const res = await t.as(carol.access_token).get(`/api/users?${query}`).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [expect.stringContaining(message)],
    });
  });
});

describe('trusted backends with an API key', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("runs the seed's original curl with the key header", async () => {
    await t.http().put('/api/users/1').send({ username: 'one' }).expect(201);
    await t.http().put('/api/users/2').send({ username: 'two' }).expect(201);
    const res = await t
      .anon()
      .post('/api/messages')
      .set('X-Api-Key', TEST_API_KEY)
      .set('Content-Type', 'application/json')
      .send('{"sender_id": 1, "receiver_id": 2, "content": "Hello 👋"}')
      .expect(201);
    expect(res.body).toMatchObject({ sender_id: 1, receiver_id: 2, content: 'Hello 👋' });
    const list = await t.anon().get('/api/conversations/user/1').set('X-Api-Key', TEST_API_KEY).expect(200);
    expect(list.body.data[0].id).toBe(res.body.conversation_id);
    const history = await t
      .anon()
      .get(`/api/messages/conversation/${res.body.conversation_id}?limit=2`)
      .set('X-Api-Key', TEST_API_KEY)
      .expect(200);
    expect(history.body.data[0].content).toBe('Hello 👋');
  });

  it('needs sender_id with a key', async () => {
    const res = await t
      .http()
      .post('/api/messages')
      .send({ receiver_id: 2, content: 'who am I?' })
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'sender_id is required with an API key',
    });
  });

  it('creates (201) and updates (200) a user without a password, and refuses a taken name (409)', async () => {
    const created = await t
      .http()
      .put('/api/users/31337')
      .send({ username: 'Integrated', display_name: 'In Tegrated' })
      .expect(201);
    expect(created.body).toEqual({
      id: 31337,
      username: 'integrated',
      display_name: 'In Tegrated',
      created_at: expect.stringMatching(ISO_UTC_MS),
    });
    const renamed = await t.http().put('/api/users/31337').send({ username: 'renamed' }).expect(200);
    expect(renamed.body).toEqual({ ...created.body, username: 'renamed', display_name: null });
    expect((await t.http().get('/api/users/31337').expect(200)).body).toEqual(renamed.body);
    // The old name is free again, and the search follows the rename.
    await t.http().put('/api/users/31338').send({ username: 'integrated' }).expect(201);
    const found = await t.http().get('/api/users?username_prefix=ren').expect(200);
    expect(found.body.data).toEqual([renamed.body]);
    const clash = await t.http().put('/api/users/31337').send({ username: 'integrated' }).expect(409);
    expect(clash.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'username "integrated" is taken',
    });
  });

  it('issues access tokens for its users, which act as them', async () => {
    await t.http().put('/api/users/4001').send({ username: 'u4001' }).expect(201);
    await t.http().put('/api/users/4002').send({ username: 'u4002' }).expect(201);
    const res = await t.http().post('/api/users/4001/tokens').expect(201);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
    const me = await t.as(res.body.access_token).get('/api/users/me').expect(200);
    expect(me.body.id).toBe(4001);
    await t
      .as(res.body.access_token)
      .post('/api/messages')
      .send({ receiver_id: 4002, content: 'via token' })
      .expect(201);
    const missing = await t.http().post('/api/users/4999/tokens').expect(404);
    expect(missing.body.message).toBe('user 4999 does not exist');
  });

  it('keeps the integrator routes from user tokens (403)', async () => {
    const user = await t.register('plain_user');
    const put = await t
      .as(user.access_token)
      .put(`/api/users/${user.user.id}`)
      .send({ username: 'hijack' })
      .expect(403);
    expect(put.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'this endpoint is for trusted backends: call it with an X-Api-Key',
    });
    await t.as(user.access_token).post(`/api/users/${user.user.id}/tokens`).expect(403);
  });

  it('reads conversations made before accounts existed, between ids that have no account', async () => {
    // Written as the service wrote them before identity: no users rows for 900 and 901.
    const db = await rawClient(t.keyspace);
    const conversationUuid = types.Uuid.random();
    const conversationId = conversationUuid.toString();
    const messageId = types.TimeUuid.now();
    try {
      await db.execute(
        'INSERT INTO conversations (conversation_id, kind, user1_id, user2_id, created_at) VALUES (?, ?, ?, ?, ?)',
        [conversationUuid, 'direct', types.Long.fromNumber(900), types.Long.fromNumber(901), new Date()],
        { prepare: true },
      );
      await db.execute(
        'INSERT INTO messages_by_conversation (conversation_id, bucket, message_id, sender_id, receiver_id, content) VALUES (?, ?, ?, ?, ?, ?)',
        [
          conversationUuid,
          Math.floor(messageId.getDate().getTime() / 86_400_000),
          messageId,
          types.Long.fromNumber(900),
          types.Long.fromNumber(901),
          'legacy',
        ],
        { prepare: true },
      );
      await db.execute(
        'INSERT INTO conversation_buckets (conversation_id, bucket) VALUES (?, ?)',
        [conversationUuid, Math.floor(messageId.getDate().getTime() / 86_400_000)],
        { prepare: true },
      );
    } finally {
      await db.shutdown();
    }
    const history = await t.http().get(`/api/messages/conversation/${conversationId}`).expect(200);
    expect(history.body.data.map((m: { content: string }) => m.content)).toEqual(['legacy']);
    await t.http().get(`/api/conversations/${conversationId}`).expect(200);
    const someone = await t.register('someone_else');
    await t.as(someone.access_token).get(`/api/conversations/${conversationId}`).expect(404);
  });
});

describe('every protected endpoint without credentials', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const id = '00000000-0000-4000-8000-000000000000';
  it.each([
    ['post', '/api/messages'],
    ['get', `/api/messages/conversation/${id}`],
    ['get', `/api/messages/conversation/${id}/before?before_timestamp=2024-01-01`],
    ['get', '/api/conversations'],
    ['post', '/api/conversations'],
    ['post', `/api/conversations/${id}/messages`],
    ['get', `/api/conversations/${id}/members`],
    ['post', `/api/conversations/${id}/members`],
    ['delete', `/api/conversations/${id}/members/1`],
    ['patch', `/api/conversations/${id}`],
    ['get', '/api/conversations/user/1'],
    ['get', `/api/conversations/${id}`],
    ['get', '/api/users/me'],
    ['get', '/api/users?username_prefix=abc'],
    ['get', '/api/users/1'],
    ['put', '/api/users/1'],
    ['post', '/api/users/1/tokens'],
    ['post', '/api/auth/logout'],
  ] as const)(
    '%s %s answers 401 with a Bearer challenge, before validating the body',
    async (method, path) => {
      const res = await t.anon()[method](path).send({ nonsense: true }).expect(401);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'credentials are required: Authorization: Bearer <access_token>, or X-Api-Key',
      });
    },
  );

  it.each([
    ['get', '/health', 200],
    ['get', '/health/live', 200],
    ['get', '/health/ready', 200],
    ['get', '/docs-json', 200],
    ['post', '/api/auth/login', 400],
    ['post', '/api/auth/register', 400],
    ['post', '/api/auth/refresh', 400],
  ] as const)('%s %s is public', async (method, path, status) => {
    await t.anon()[method](path).send({}).expect(status);
  });
});
