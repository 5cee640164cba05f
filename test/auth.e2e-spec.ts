import { Client } from 'cassandra-driver';
import { createTestApp, rawClient, TestApp } from './support/test-app';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const REFRESH = /^[A-Za-z0-9_-]{43}$/;
const PASSWORD = 'correct horse battery staple';

const session = (username: string, display_name: string | null = null) => ({
  user: { id: expect.any(Number), username, display_name, created_at: expect.stringMatching(ISO_UTC_MS) },
  access_token: expect.stringMatching(JWT),
  token_type: 'Bearer',
  expires_in: 900,
  refresh_token: expect.stringMatching(REFRESH),
});

const unauthorized = (message: string) => ({ statusCode: 401, error: 'Unauthorized', message });

describe('sign-up, sign-in and tokens', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp();
    db = await rawClient(t.keyspace);
  });
  afterAll(async () => {
    await db.shutdown();
    await t.close();
  });

  const count = async (table: string) =>
    (await db.execute(`SELECT count(*) AS n FROM ${table}`)).first().get('n').toNumber() as number;

  it('registers an account: 201, the user, a bearer token and a refresh token; the token works', async () => {
    const res = await t
      .anon()
      .post('/api/auth/register')
      .send({ username: 'Alice.W', password: PASSWORD, display_name: 'Alice W' })
      .expect(201);
    expect(res.body).toEqual(session('alice.w', 'Alice W'));
    expect(Number.isSafeInteger(res.body.user.id) && res.body.user.id > 0).toBe(true);
    const me = await t.as(res.body.access_token).get('/api/users/me').expect(200);
    expect(me.body).toEqual(res.body.user);
    expect(me.headers['cache-control']).toBe('no-store');
    const stored = (
      await db.execute('SELECT password_hash FROM users WHERE user_id = ?', [res.body.user.id], {
        prepare: true,
      })
    ).first();
    expect(stored.get('password_hash')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses a taken username case-insensitively with 409 and writes nothing', async () => {
    await t.register('bob_1');
    const users = await count('users');
    const res = await t
      .anon()
      .post('/api/auth/register')
      .send({ username: 'BOB_1', password: PASSWORD })
      .expect(409);
    expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'username "bob_1" is taken' });
    expect(await count('users')).toBe(users);
  });

  it('lets exactly one of many concurrent registrations of a name win', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t
          .anon()
          .post('/api/auth/register')
          .send({ username: 'racer', password: `${PASSWORD} ${i}` }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 201)!;
    const found = await t.as(winner.body.access_token).get('/api/users?username_prefix=racer').expect(200);
    expect(found.body.data).toEqual([winner.body.user]);
    const holder = (
      await db.execute("SELECT user_id FROM users_by_username WHERE username = 'racer'")
    ).first();
    expect(holder.get('user_id').toNumber()).toBe(winner.body.user.id);
  });

  it.each([
    ['a short username', { username: 'ab', password: PASSWORD }, 'username must be 3 to 32 characters'],
    ['a long username', { username: 'a'.repeat(33), password: PASSWORD }, 'username must be 3 to 32'],
    ['a username with a space', { username: 'al ice', password: PASSWORD }, 'username must be'],
    [
      'a username that looks like CQL',
      { username: "x'; DROP TABLE users; --", password: PASSWORD },
      'username must be',
    ],
    ['a short password', { username: 'carol', password: 'short' }, 'password must be 8 to 256'],
    ['a long password', { username: 'carol', password: 'p'.repeat(257) }, 'password must be 8 to 256'],
    ['a number as password', { username: 'carol', password: 12345678 }, 'password must be a string'],
    [
      'an empty display name',
      { username: 'carol', password: PASSWORD, display_name: '' },
      'display_name must be 1 to 64',
    ],
    [
      'a blank display name',
      { username: 'carol', password: PASSWORD, display_name: '   ' },
      'display_name must not be only white space',
    ],
    [
      'an unknown field',
      { username: 'carol', password: PASSWORD, admin: true },
      'property admin should not exist',
    ],
  ])('refuses %s with a 400 naming it, writing nothing', async (_, body, message) => {
    const users = await count('users');
    const res = await t.anon().post('/api/auth/register').send(body).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [expect.stringContaining(message)],
    });
    expect(await count('users')).toBe(users);
  });

  it('answers a 10 MB password with 413 at once, before any hashing', async () => {
    const started = Date.now();
    const res = await t
      .anon()
      .post('/api/auth/register')
      .send({ username: 'huge', password: 'p'.repeat(10 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'request body is larger than 64 KiB',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('stores a display name that looks like CQL literally', async () => {
    const name = "'); DROP KEYSPACE x; --";
    const created = await t
      .anon()
      .post('/api/auth/register')
      .send({ username: 'cql_fan', password: PASSWORD, display_name: name })
      .expect(201);
    const profile = await t
      .as(created.body.access_token)
      .get(`/api/users/${created.body.user.id}`)
      .expect(200);
    expect(profile.body.display_name).toBe(name);
  });

  it('signs in with the password, case-insensitively by name; an unknown user and a wrong password get one 401', async () => {
    const registered = await t.register('dave');
    const res = await t
      .anon()
      .post('/api/auth/login')
      .send({ username: 'DAVE', password: PASSWORD })
      .expect(200);
    expect(res.body).toEqual(session('dave'));
    expect(res.body.user).toEqual(registered.user);
    expect(res.body.refresh_token).not.toBe(registered.refresh_token);

    const wrong = await t
      .anon()
      .post('/api/auth/login')
      .send({ username: 'dave', password: 'not the password' })
      .expect(401);
    const unknown = await t
      .anon()
      .post('/api/auth/login')
      .send({ username: 'nobody_here', password: PASSWORD })
      .expect(401);
    expect(wrong.body).toEqual(unauthorized('username or password is wrong'));
    expect(unknown.body).toEqual(wrong.body);
  });

  it('does not sign in a user an integrator made, who has no password', async () => {
    await t.http().put('/api/users/424242').send({ username: 'integrated' }).expect(201);
    const res = await t
      .anon()
      .post('/api/auth/login')
      .send({ username: 'integrated', password: PASSWORD })
      .expect(401);
    expect(res.body).toEqual(unauthorized('username or password is wrong'));
  });

  it('rotates the refresh token: a new pair, the old one spent', async () => {
    const first = await t.register('erin');
    const res = await t
      .anon()
      .post('/api/auth/refresh')
      .send({ refresh_token: first.refresh_token })
      .expect(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(JWT),
      token_type: 'Bearer',
      expires_in: 900,
      refresh_token: expect.stringMatching(REFRESH),
    });
    expect(res.body.refresh_token).not.toBe(first.refresh_token);
    const me = await t.as(res.body.access_token).get('/api/users/me').expect(200);
    expect(me.body.id).toBe(first.user.id);
    const next = await t
      .anon()
      .post('/api/auth/refresh')
      .send({ refresh_token: res.body.refresh_token })
      .expect(200);
    expect(next.body.refresh_token).toMatch(REFRESH);
  });

  it('revokes the whole sign-in when a spent refresh token comes back (reuse detection)', async () => {
    const first = await t.register('frank');
    const rotated = await t
      .anon()
      .post('/api/auth/refresh')
      .send({ refresh_token: first.refresh_token })
      .expect(200);
    const replay = await t
      .anon()
      .post('/api/auth/refresh')
      .send({ refresh_token: first.refresh_token })
      .expect(401);
    expect(replay.body).toEqual(unauthorized('the refresh token is invalid, expired or revoked'));
    // The token the legitimate client got by rotating is revoked with its family.
    await t.anon().post('/api/auth/refresh').send({ refresh_token: rotated.body.refresh_token }).expect(401);
    // Another sign-in of the same user is a family of its own and keeps working.
    const other = await t
      .anon()
      .post('/api/auth/login')
      .send({ username: 'frank', password: PASSWORD })
      .expect(200);
    await t.anon().post('/api/auth/refresh').send({ refresh_token: other.body.refresh_token }).expect(200);
  });

  it('lets only one of two concurrent uses of a refresh token rotate it, and revokes the sign-in', async () => {
    const first = await t.register('grace');
    const both = await Promise.all(
      [0, 1].map(() => t.anon().post('/api/auth/refresh').send({ refresh_token: first.refresh_token })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    const winner = both.find((r) => r.status === 200)!;
    await t.anon().post('/api/auth/refresh').send({ refresh_token: winner.body.refresh_token }).expect(401);
  });

  it('logs out: 204, and the refresh token and its family no longer refresh', async () => {
    const first = await t.register('heidi');
    const rotated = await t
      .anon()
      .post('/api/auth/refresh')
      .send({ refresh_token: first.refresh_token })
      .expect(200);
    const res = await t
      .as(rotated.body.access_token)
      .post('/api/auth/logout')
      .send({ refresh_token: rotated.body.refresh_token })
      .expect(204);
    expect(res.text).toBe('');
    await t.anon().post('/api/auth/refresh').send({ refresh_token: rotated.body.refresh_token }).expect(401);
    // Logging out twice, or with a token that is not the caller's, is a no-op with the same answer.
    await t
      .as(rotated.body.access_token)
      .post('/api/auth/logout')
      .send({ refresh_token: rotated.body.refresh_token })
      .expect(204);
    const ivan = await t.register('ivan');
    await t
      .as(rotated.body.access_token)
      .post('/api/auth/logout')
      .send({ refresh_token: ivan.refresh_token })
      .expect(204);
    await t.anon().post('/api/auth/refresh').send({ refresh_token: ivan.refresh_token }).expect(200);
  });

  it('needs credentials to log out', async () => {
    const judy = await t.register('judy');
    await t.anon().post('/api/auth/logout').send({ refresh_token: judy.refresh_token }).expect(401);
    await t.anon().post('/api/auth/refresh').send({ refresh_token: judy.refresh_token }).expect(200);
  });
});
