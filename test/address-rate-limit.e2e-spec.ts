import { createTestApp, TestApp } from './support/test-app';

describe('rate limit of sign-in attempts per address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_ADDRESS: '5' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After to the sixth attempt from one address, whatever the username or route', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push(
        (
          await t
            .anon()
            .post('/api/auth/login')
            .send({ username: `someone${i}`, password: 'whatever1' })
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const res = await t
      .anon()
      .post('/api/auth/refresh')
      .send({ refresh_token: 'x'.repeat(43) })
      .expect(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    // Routes that are not sign-in routes are not counted.
    await t.http().get('/api/users/1').expect(404);
  });
});

describe('rate limit per address behind a trusted proxy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_ADDRESS: '2', TRUST_PROXY_HOPS: '1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts each forwarded client address apart', async () => {
    const attempt = (address: string) =>
      t
        .anon()
        .post('/api/auth/login')
        .set('X-Forwarded-For', address)
        .send({ username: 'someone', password: 'whatever1' });
    expect([(await attempt('203.0.113.7')).status, (await attempt('203.0.113.7')).status]).toEqual([
      401, 401,
    ]);
    expect((await attempt('203.0.113.7')).status).toBe(429);
    expect((await attempt('203.0.113.8')).status).toBe(401);
  });
});
