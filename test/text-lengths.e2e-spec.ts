import { createTestApp, Session, TestApp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** One character (code point) that is two UTF-16 code units. */
const EMOJI = '😀';

/**
 * Text limits count characters (Unicode code points), as the OpenAPI document's minLength and maxLength
 * do, not UTF-16 code units: 100 emoji are a title of 100 characters.
 */
describe('text lengths in characters', () => {
  let t: TestApp;
  let alice: Session;
  let bob: Session;
  let carol: Session;

  beforeAll(async () => {
    t = await createTestApp();
    [alice, bob, carol] = await Promise.all([t.register('alice'), t.register('bob'), t.register('carol')]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes a password and a display name of emoji up to their limits, and signs in with that password', async () => {
    const password = EMOJI.repeat(256);
    const res = await t
      .anon()
      .post('/api/auth/register')
      .send({ username: 'emoji', password, display_name: EMOJI.repeat(64) })
      .expect(201);
    expect(res.body.user).toEqual({
      id: expect.any(Number) as unknown,
      username: 'emoji',
      display_name: EMOJI.repeat(64),
      created_at: expect.stringMatching(ISO_UTC_MS) as unknown,
    });
    const login = await t.anon().post('/api/auth/login').send({ username: 'emoji', password }).expect(200);
    expect(login.body.user).toEqual(res.body.user);
  });

  const PASSWORD = 'password must be 8 to 256 characters long';
  const DISPLAY_NAME = 'display_name must be 1 to 64 characters long';
  it.each([
    ['a password of 257 emoji', 'register', { username: 'toolong', password: EMOJI.repeat(257) }, PASSWORD],
    ['a password of 7 emoji', 'register', { username: 'tooshort', password: EMOJI.repeat(7) }, PASSWORD],
    [
      'a display name of 65 emoji',
      'register',
      { username: 'longname', password: 'long enough 1', display_name: EMOJI.repeat(65) },
      DISPLAY_NAME,
    ],
    [
      'a display name of white space only',
      'register',
      { username: 'blankname', password: 'long enough 1', display_name: '\u3000\ufeff' },
      'display_name must not be only white space',
    ],
    [
      'a sign-in password of 257 emoji',
      'login',
      { username: 'emoji', password: EMOJI.repeat(257) },
      'password must be 1 to 256 characters long',
    ],
    [
      'a refresh token of 513 emoji',
      'refresh',
      { refresh_token: EMOJI.repeat(513) },
      'refresh_token must be 1 to 512 characters long',
    ],
  ])('refuses %s on /api/auth/%s with a 400 naming the field', async (_, endpoint, body, message) => {
    const res = await t.anon().post(`/api/auth/${endpoint}`).send(body).expect(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [message] });
  });

  it('reads a refresh token of 512 emoji as a token (unknown: 401), not as too long', async () => {
    const res = await t
      .anon()
      .post('/api/auth/refresh')
      .send({ refresh_token: EMOJI.repeat(512) })
      .expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'the refresh token is invalid, expired or revoked',
    });
  });

  it('takes a group title of 100 emoji, and refuses 101 or only white space', async () => {
    const title = EMOJI.repeat(100);
    const res = await t
      .as(alice.access_token)
      .post('/api/conversations')
      .send({ title, member_ids: [bob.user.id, carol.user.id] })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(UUID) as unknown,
      kind: 'group',
      title,
      member_count: 3,
      role: 'owner',
      user1_id: null,
      user2_id: null,
      created_at: expect.stringMatching(ISO_UTC_MS) as unknown,
      last_message_at: null,
      last_message_id: null,
      last_message_sender_id: null,
      last_message_content: null,
      message_count: 0,
      unread_count: 0,
      last_read_message_id: null,
    });
    const id = (res.body as { id: string }).id;
    const renamed = await t
      .as(alice.access_token)
      .patch(`/api/conversations/${id}`)
      .send({ title: `${title.slice(2)}🎉` })
      .expect(200);
    expect(renamed.body).toEqual({
      ...(res.body as object),
      title: `${title.slice(2)}🎉`,
      // A rename answers the group alone, without the reader's details.
      message_count: undefined,
      unread_count: undefined,
      last_read_message_id: undefined,
    });
    for (const [bad, message] of [
      [EMOJI.repeat(101), 'title must be 1 to 100 characters long'],
      ['\u2028\u00a0\ufeff', 'title must not be only white space'],
    ]) {
      const refused = await t
        .as(alice.access_token)
        .patch(`/api/conversations/${id}`)
        .send({ title: bad })
        .expect(400);
      expect(refused.body).toEqual({ statusCode: 400, error: 'Bad Request', message: [message] });
    }
  });
});
