import { createTestApp, TestApp } from './support/test-app';

describe('rate limits per username and per user', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_USERNAME: '3', SEND_RATE_LIMIT_PER_USER: '4' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After once a username had three sign-in attempts in a minute', async () => {
    await t.register('target');
    const statuses = [];
    for (let i = 0; i < 2; i += 1) {
      statuses.push(
        (
          await t
            .anon()
            .post('/api/auth/login')
            .send({ username: 'target', password: `guess ${i}x` })
        ).status,
      );
    }
    // The registration counted against the name too: the right password now waits as well.
    expect(statuses).toEqual([401, 401]);
    const res = await t
      .anon()
      .post('/api/auth/login')
      .send({ username: 'TARGET', password: 'correct horse battery staple' })
      .expect(429);
    expect(res.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringMatching(/^too many requests; retry in \d+ s$/),
    });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Other names are not held up.
    await t.anon().post('/api/auth/login').send({ username: 'other', password: 'whatever1' }).expect(401);
  });

  it("limits a user's sends per minute, and not their reads nor a trusted backend's sends", async () => {
    await t.users(77, 78);
    const token = (await t.http().post('/api/users/77/tokens').expect(201)).body.access_token as string;
    const statuses = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push(
        (
          await t
            .as(token)
            .post('/api/messages')
            .send({ receiver_id: 78, content: `m${i}` })
        ).status,
      );
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429]);
    const list = await t.as(token).get('/api/conversations').expect(200);
    expect(list.body.data[0].last_message_content).toBe('m3');
    await t
      .http()
      .post('/api/messages')
      .send({ sender_id: 77, receiver_id: 78, content: 'by key' })
      .expect(201);
  });
});
