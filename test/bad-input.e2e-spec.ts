import { createTestApp, TestApp } from './support/test-app';

describe('bad input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.users(1, 2);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a body nested 20,000 levels deep with a 400 that says so, not a 500', async () => {
    const deep = `{"sender_id": 1, "receiver_id": 2, "content": ${'['.repeat(20_000)}"x"${']'.repeat(20_000)}}`;
    const res = await t
      .http()
      .post('/api/messages')
      .set('Content-Type', 'application/json')
      .send(deep)
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'request body nests deeper than 32 levels',
    });
  });

  it('takes an empty cursor= as no cursor', async () => {
    await t.http().post('/api/messages').send({ sender_id: 1, receiver_id: 2, content: 'hi' }).expect(201);
    const withEmpty = await t.http().get('/api/conversations/user/1?cursor=').expect(200);
    const without = await t.http().get('/api/conversations/user/1').expect(200);
    expect(withEmpty.body).toEqual(without.body);
    expect(withEmpty.body.total).toBe(1);
  });

  it.each([
    ['delete', '/api/messages', 'POST'],
    ['put', '/api/conversations', 'GET, POST'],
    ['delete', '/api/users/1', 'GET, PUT'],
    ['patch', '/health/ready', 'GET'],
    // /api/users/{user_id} matches /api/users/me too, but /me is a resource of its own.
    ['put', '/api/users/me', 'GET'],
    ['delete', '/api/users/me', 'GET'],
    ['options', '/api/users/me', 'GET'],
    // …/messages/{message_id} matches …/messages/search too, which is a resource of its own.
    ['patch', '/api/conversations/e3e70682-c209-1cac-a29f-6fbed82c07cd/messages/search', 'GET'],
    ['options', '/api/conversations/e3e70682-c209-1cac-a29f-6fbed82c07cd/messages/search', 'GET'],
    ['put', '/api/attachments', 'POST'],
    ['delete', '/api/attachments/e3e70682-c209-1cac-a29f-6fbed82c07cd', 'GET'],
  ] as const)('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const res = await t.http()[method](path).expect(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toEqual({
      statusCode: 405,
      error: 'Method Not Allowed',
      message: `${method.toUpperCase()} is not allowed on ${path}; allowed: ${allow}`,
    });
  });

  it('answers PUT /api/users/me with 405 before reading its body, with any credentials', async () => {
    const session = await t.register('methodical');
    for (const agent of [t.http(), t.as(session.access_token), t.anon()]) {
      const res = await agent.put('/api/users/me').send({ username: 'methodical' }).expect(405);
      expect({ allow: res.headers.allow, body: res.body }).toEqual({
        allow: 'GET',
        body: {
          statusCode: 405,
          error: 'Method Not Allowed',
          message: 'PUT is not allowed on /api/users/me; allowed: GET',
        },
      });
    }
    const me = await t.as(session.access_token).get('/api/users/me').expect(200);
    expect(me.body).toEqual({ ...session.user });
    await t.as(session.access_token).head('/api/users/me').expect(200);
  });

  it('refuses a null client_message_id or sender_id with a 400 naming it (a 500, or a 404 for user null)', async () => {
    const before = await t.http().get('/api/conversations/user/1').expect(200);
    const res = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: null, receiver_id: 2, content: 'null?', client_message_id: null })
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['sender_id must be an integer number', 'client_message_id must be a string'],
    });
    const session = await t.register('nullsender');
    const direct = await t
      .as(session.access_token)
      .post('/api/messages')
      .send({ receiver_id: 2, content: 'null?', client_message_id: null })
      .expect(400);
    const inConversation = await t
      .as(session.access_token)
      .post('/api/conversations/00000000-0000-4000-8000-000000000000/messages')
      .send({ content: 'null?', client_message_id: null })
      .expect(400);
    for (const answer of [direct, inConversation]) {
      expect(answer.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: ['client_message_id must be a string'],
      });
    }
    expect((await t.http().get('/api/conversations/user/1').expect(200)).body).toEqual(before.body);
  });

  it.each([
    ['/api/users/abc', 'user_id must be an integer number'],
    ['/api/users/1.0', 'user_id must be an integer number'],
    ['/api/users/0', 'user_id must not be less than 1'],
    ['/api/conversations/user/1?limit=x', 'limit must be an integer number'],
    ['/api/conversations/user/1?page=0', 'page must not be less than 1'],
  ])('names the type before the range: GET %s', async (path, message) => {
    const res = await t.http().get(path).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [message] });
  });

  it('still answers 404 for a path no route knows', async () => {
    const res = await t.http().get('/api/nothing-here').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /api/nothing-here',
    });
  });
});
