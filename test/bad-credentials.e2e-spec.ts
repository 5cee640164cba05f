import { craftJwt, validClaims } from './support/jwt';
import { createTestApp, TEST_API_KEY, TestApp } from './support/test-app';

const HS256 = { alg: 'HS256', typ: 'JWT' };
const now = () => Math.floor(Date.now() / 1000);

describe('bad credentials', () => {
  let t: TestApp;
  let userId: number;
  let accessToken: string;
  let refreshToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    const session = await t.register('mallory');
    userId = session.user.id;
    accessToken = session.access_token;
    refreshToken = session.refresh_token;
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets the same request through with a good token, so each refusal below is about the credential', async () => {
    const res = await t.as(accessToken).get('/api/users/me').expect(200);
    expect(res.body.id).toBe(userId);
    await t
      .as(craftJwt(HS256, validClaims(userId)))
      .get('/api/users/me')
      .expect(200);
    await t.anon().get('/api/users/me').set('X-Api-Key', TEST_API_KEY).expect(403);
  });

  const cases: [string, () => Record<string, string>, RegExp][] = [
    ['no header', () => ({}), /credentials are required/],
    ['an empty Authorization header', () => ({ Authorization: '' }), /must be "Bearer/],
    ['Bearer alone', () => ({ Authorization: 'Bearer' }), /must be "Bearer/],
    ['Bearer and a space', () => ({ Authorization: 'Bearer ' }), /must be "Bearer/],
    ['Basic credentials', () => ({ Authorization: 'Basic bWFsbG9yeTpwdw==' }), /must be "Bearer/],
    ['garbage', () => ({ Authorization: 'Bearer not-a-jwt' }), /invalid/],
    [
      'alg none',
      () => ({ Authorization: `Bearer ${craftJwt({ alg: 'none' }, validClaims(userId), null)}` }),
      /invalid/,
    ],
    [
      'HS256 signed with another secret',
      () => ({
        Authorization: `Bearer ${craftJwt(HS256, validClaims(userId), 'another-secret-0123456789abcdef01234')}`,
      }),
      /invalid/,
    ],
    [
      'an RS256 header against the HS256 secret',
      () => ({ Authorization: `Bearer ${craftJwt({ alg: 'RS256', typ: 'JWT' }, validClaims(userId))}` }),
      /invalid/,
    ],
    [
      'an expired token',
      () => ({
        Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { iat: now() - 3600, exp: now() - 600 }))}`,
      }),
      /expired/,
    ],
    [
      'a token issued in the future beyond the tolerance',
      () => ({
        Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { iat: now() + 600, exp: now() + 1500 }))}`,
      }),
      /future/,
    ],
    [
      'a token without exp',
      () => ({ Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { exp: undefined }))}` }),
      /no expiry/,
    ],
    [
      'a wrong iss',
      () => ({ Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { iss: 'elsewhere' }))}` }),
      /invalid/,
    ],
    [
      'a wrong aud',
      () => ({ Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { aud: 'other-api' }))}` }),
      /invalid/,
    ],
    [
      'a missing sub',
      () => ({ Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { sub: undefined }))}` }),
      /names no user/,
    ],
    [
      'a sub that is not a number',
      () => ({ Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { sub: 'admin' }))}` }),
      /names no user/,
    ],
    [
      'a sub of zero',
      () => ({ Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { sub: '0' }))}` }),
      /names no user/,
    ],
    [
      'a negative sub',
      () => ({ Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { sub: '-5' }))}` }),
      /invalid|names no user/,
    ],
    [
      'a sub beyond 2^53',
      () => ({
        Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { sub: '9007199254740993' }))}`,
      }),
      /names no user/,
    ],
    [
      'a numeric sub',
      () => ({ Authorization: `Bearer ${craftJwt(HS256, validClaims(userId, { sub: userId }))}` }),
      /invalid|names no user/,
    ],
    [
      'a refresh token used as an access token',
      () => ({ Authorization: `Bearer ${refreshToken}` }),
      /invalid/,
    ],
    ['a wrong API key', () => ({ 'X-Api-Key': 'not-the-key-0123456789abcdefghij' }), /API key is not valid/],
    ['an empty API key', () => ({ 'X-Api-Key': '' }), /API key is not valid/],
  ];

  it.each(cases)(
    'refuses %s with 401, a WWW-Authenticate challenge and a reason',
    async (_, headers, reason) => {
      const res = await t.anon().get('/api/users/me').set(headers()).expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="messenger", error="invalid_token"/);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringMatching(reason),
      });
    },
  );

  it.each([
    [
      'a good API key and a bad token',
      () => ({ 'X-Api-Key': TEST_API_KEY, Authorization: 'Bearer not-a-jwt' }),
    ],
    [
      'a good API key and a good token',
      () => ({ 'X-Api-Key': TEST_API_KEY, Authorization: `Bearer ${accessToken}` }),
    ],
    [
      'a bad API key and a good token',
      () => ({ 'X-Api-Key': 'not-the-key', Authorization: `Bearer ${accessToken}` }),
    ],
  ])('refuses %s together with 401: one credential per request', async (_, headers) => {
    // A route either kind of caller may use, so that only the pair of credentials is refused.
    const res = await t.anon().get(`/api/users/${userId}`).set(headers()).expect(401);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="messenger", error="invalid_token", ' +
        'error_description="send one credential, Authorization or X-Api-Key, not both"',
    );
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'send one credential, Authorization or X-Api-Key, not both',
    });
    await t.anon().get(`/api/users/${userId}`).set('X-Api-Key', TEST_API_KEY).expect(200);
    await t.as(accessToken).get(`/api/users/${userId}`).expect(200);
  });

  it.each(['api_key', 'access_token'])('refuses credentials in the query string (%s)', async (name) => {
    const value = name === 'api_key' ? TEST_API_KEY : accessToken;
    const res = await t.anon().get(`/api/conversations/user/${userId}?${name}=${value}`).expect(401);
    expect(res.body.message).toMatch(/never from the query string/);
  });

  it('refuses an access token sent to /refresh', async () => {
    const res = await t.anon().post('/api/auth/refresh').send({ refresh_token: accessToken }).expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'the refresh token is invalid, expired or revoked',
    });
  });
});
