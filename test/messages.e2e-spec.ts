import { createTestApp, TestApp } from './support/test-app';

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('POST /api/messages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await t.users(1, 2, 10, 11, 12, 20, 21, 500, 501, 9007199254740991, 9007199254740990);
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores a message and returns it with 201, ids and a UTC time', async () => {
    const before = Date.now();
    const res = await t
      .http()
      .post('/api/messages/')
      .send({ sender_id: 1, receiver_id: 2, content: 'Hello' })
      .expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(TIME_UUID),
      conversation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sender_id: 1,
      receiver_id: 2,
      content: 'Hello',
      created_at: expect.stringMatching(ISO_UTC_MS),
      edited_at: null,
      deleted: false,
      reactions: [],
      reply_to: null,
      attachments: [],
    });
    const createdAt = Date.parse(res.body.created_at);
    expect(createdAt).toBeGreaterThanOrEqual(before - 5);
    expect(createdAt).toBeLessThanOrEqual(Date.now() + 5);
  });

  it('puts every later message between the pair, in either direction, in the same conversation', async () => {
    const first = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: 10, receiver_id: 11, content: 'a' })
      .expect(201);
    const reply = await t
      .http()
      .post('/api/messages/')
      .send({ sender_id: 11, receiver_id: 10, content: 'b' })
      .expect(201);
    const again = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: 10, receiver_id: 11, content: 'c' })
      .expect(201);
    expect(reply.body.conversation_id).toBe(first.body.conversation_id);
    expect(again.body.conversation_id).toBe(first.body.conversation_id);
    const other = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: 10, receiver_id: 12, content: 'd' })
      .expect(201);
    expect(other.body.conversation_id).not.toBe(first.body.conversation_id);

    const history = await t
      .http()
      .get(`/api/messages/conversation/${first.body.conversation_id}`)
      .expect(200);
    expect(history.body.total).toBe(3);
    expect(history.body.data.map((m: { content: string }) => m.content)).toEqual(['c', 'b', 'a']);
  });

  it.each([
    ['unicode and emoji', 'Привет 👋🏽 — 你好 — مرحبا — 👨‍👩‍👧'],
    ['surrounding white space and newlines', '  two\nlines\t '],
    ['4,000 characters of 4-byte emoji', '😀'.repeat(4000)],
    ['a NUL character', 'a\u0000b'],
    ['the largest user ids', 'big'],
  ])('stores %s byte-exact', async (name, content) => {
    const [sender, receiver] =
      name === 'the largest user ids' ? [9007199254740991, 9007199254740990] : [20, 21];
    const sent = await t
      .http()
      .post('/api/messages')
      .send({ sender_id: sender, receiver_id: receiver, content })
      .expect(201);
    expect(sent.body.content).toBe(content);
    expect(sent.body.sender_id).toBe(sender);
    const page = await t
      .http()
      .get(`/api/messages/conversation/${sent.body.conversation_id}?limit=1`)
      .expect(200);
    expect(Buffer.from(page.body.data[0].content, 'utf8').equals(Buffer.from(content, 'utf8'))).toBe(true);
  });

  describe('rejects bad input with a 400 that names the field, and writes nothing', () => {
    const valid = { sender_id: 500, receiver_id: 501, content: 'ok' };
    it.each([
      ['a missing sender_id', { receiver_id: 501, content: 'x' }, 'sender_id'],
      ['a missing receiver_id', { sender_id: 500, content: 'x' }, 'receiver_id'],
      ['a missing content', { sender_id: 500, receiver_id: 501 }, 'content'],
      ['a string id', { ...valid, sender_id: '500' }, 'sender_id'],
      ['a fractional id', { ...valid, receiver_id: 1.5 }, 'receiver_id'],
      ['a zero id', { ...valid, sender_id: 0 }, 'sender_id'],
      ['a negative id', { ...valid, receiver_id: -3 }, 'receiver_id'],
      ['an id beyond 2^53-1', { ...valid, sender_id: 9007199254740992 }, 'sender_id'],
      ['a boolean id', { ...valid, sender_id: true }, 'sender_id'],
      ['a null id', { ...valid, receiver_id: null }, 'receiver_id'],
      ['empty content', { ...valid, content: '' }, 'content'],
      ['white-space content', { ...valid, content: ' \n\t\u00a0' }, 'content must not be only white space'],
      ['content over 4,000 characters', { ...valid, content: 'x'.repeat(4001) }, 'content must be 1 to 4000'],
      ['numeric content', { ...valid, content: 42 }, 'content must be a string'],
      ['an unknown field', { ...valid, extra: 1 }, 'property extra should not exist'],
    ])('%s', async (_, body, named) => {
      const res = await t.http().post('/api/messages').send(body).expect(400);
      expect(JSON.stringify(res.body.message)).toContain(named);
      expect(res.body.statusCode).toBe(400);
      const list = await t.http().get('/api/conversations/user/500').expect(200);
      expect(list.body).toMatchObject({ total: 0, data: [] });
    });

    it('malformed JSON', async () => {
      const res = await t
        .http()
        .post('/api/messages')
        .set('Content-Type', 'application/json')
        .send('{"sender_id": 1,')
        .expect(400);
      expect(res.body.message).toBe('request body is not valid JSON');
    });

    it('a JSON array instead of an object', async () => {
      await t.http().post('/api/messages').send([valid]).expect(400);
    });

    it('a body that is not JSON at all', async () => {
      const res = await t
        .http()
        .post('/api/messages')
        .set('Content-Type', 'text/plain')
        .send('hello')
        .expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: ['receiver_id must be an integer number', 'content must be a string'],
      });
    });

    it('an unpaired surrogate in content', async () => {
      const res = await t
        .http()
        .post('/api/messages')
        .set('Content-Type', 'application/json')
        .send('{"sender_id":500,"receiver_id":501,"content":"bad \\ud83d"}')
        .expect(400);
      expect(JSON.stringify(res.body.message)).toContain('unpaired surrogate');
    });

    it('a body over 64 KiB gets 413', async () => {
      const res = await t
        .http()
        .post('/api/messages')
        .send({ ...valid, content: 'x'.repeat(70 * 1024) })
        .expect(413);
      expect(res.body.message).toContain('64 KiB');
    });
  });
});
