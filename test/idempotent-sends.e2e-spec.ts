import { Client, types } from 'cassandra-driver';
import { createHash } from 'node:crypto';
import { createTestApp, rawClient, Session, TestApp } from './support/test-app';

describe('idempotent sends (client_message_id)', () => {
  let t: TestApp;
  let db: Client;
  let alice: Session;
  let bob: Session;
  let carol: Session;

  beforeAll(async () => {
    t = await createTestApp();
    db = await rawClient(t.keyspace);
    [alice, bob, carol] = [await t.register('alice'), await t.register('bob'), await t.register('carol')];
  });
  afterAll(async () => {
    await db.shutdown();
    await t.close();
  });

  const send = (who: Session, body: object) => t.as(who.access_token).post('/api/messages').send(body);
  const history = async (conversationId: string) =>
    (await t.as(alice.access_token).get(`/api/messages/conversation/${conversationId}?limit=100`).expect(200))
      .body as {
      total: number;
      data: { id: string; content: string }[];
    };

  it('stores one message for 24 concurrent requests with one client_message_id; every answer carries its id', async () => {
    const body = { receiver_id: bob.user.id, content: 'only once', client_message_id: 'retry-1' };
    const answers = await Promise.all(Array.from({ length: 24 }, () => send(alice, body)));
    expect(answers.map((a) => a.status).sort((x, y) => x - y)).toEqual([...Array<number>(23).fill(200), 201]);
    const ids = new Set(answers.map((a) => a.body.id as string));
    expect(ids.size).toBe(1);
    expect(new Set(answers.map((a) => a.body.created_at as string)).size).toBe(1);
    for (const answer of answers) {
      expect(answer.headers['idempotent-replayed']).toBe(answer.status === 200 ? 'true' : undefined);
    }
    const stored = await history(answers[0].body.conversation_id);
    expect(stored.data.map((m) => m.id)).toEqual([...ids]);
    expect(stored.total).toBe(1);
  });

  it('returns the original message to a later retry: same id and created_at, 200 and Idempotent-Replayed', async () => {
    const body = { receiver_id: carol.user.id, content: 'hello carol', client_message_id: 'later-retry' };
    const first = await send(alice, body).expect(201);
    const retry = await send(alice, body).expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await history(first.body.conversation_id)).total).toBe(1);
  });

  it('refuses the same client_message_id with other content (409), writing nothing', async () => {
    const first = await send(alice, {
      receiver_id: bob.user.id,
      content: 'v1',
      client_message_id: 'edit-me',
    }).expect(201);
    const before = await history(first.body.conversation_id);
    const res = await send(alice, {
      receiver_id: bob.user.id,
      content: 'v2',
      client_message_id: 'edit-me',
    }).expect(409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'client_message_id edit-me was already used for another message in this conversation',
    });
    expect(await history(first.body.conversation_id)).toEqual(before);
  });

  it('keeps ids of different senders and conversations apart', async () => {
    const a = await send(alice, {
      receiver_id: bob.user.id,
      content: 'x',
      client_message_id: 'shared',
    }).expect(201);
    const b = await send(bob, {
      receiver_id: alice.user.id,
      content: 'x',
      client_message_id: 'shared',
    }).expect(201);
    const c = await send(alice, {
      receiver_id: carol.user.id,
      content: 'x',
      client_message_id: 'shared',
    }).expect(201);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(3);
  });

  it('deduplicates sends into a group by id too', async () => {
    const group = await t
      .as(alice.access_token)
      .post('/api/conversations')
      .send({ title: 'g', member_ids: [bob.user.id, carol.user.id] })
      .expect(201);
    const url = `/api/conversations/${group.body.id}/messages`;
    const body = { content: 'to all', client_message_id: 'group-1' };
    const answers = await Promise.all([0, 1, 2, 3].map(() => t.as(bob.access_token).post(url).send(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await history(group.body.id)).total).toBe(1);
  });

  it('completes a send that claimed its id and stopped before storing the message', async () => {
    // The first attempt claimed the id, then its instance died before the message's batch.
    const first = await send(alice, {
      receiver_id: bob.user.id,
      content: 'warm-up',
      client_message_id: 'w',
    }).expect(201);
    const conversationId = first.body.conversation_id as string;
    const claimedId = types.TimeUuid.now();
    await db.execute(
      'INSERT INTO message_requests (conversation_id, sender_id, client_message_id, message_id, content_sha256) VALUES (?, ?, ?, ?, ?)',
      [
        types.Uuid.fromString(conversationId),
        types.Long.fromNumber(alice.user.id),
        'half-done',
        claimedId,
        createHash('sha256').update('finish me').digest(),
      ],
      { prepare: true },
    );
    const retry = await send(alice, {
      receiver_id: bob.user.id,
      content: 'finish me',
      client_message_id: 'half-done',
    }).expect(200);
    expect(retry.body).toMatchObject({
      id: claimedId.toString(),
      content: 'finish me',
      created_at: claimedId.getDate().toISOString(),
    });
    expect((await history(conversationId)).data[0]).toMatchObject({
      id: claimedId.toString(),
      content: 'finish me',
    });
    const list = await t.as(bob.access_token).get('/api/conversations').expect(200);
    expect(list.body.data.find((c: { id: string }) => c.id === conversationId)).toMatchObject({
      last_message_id: claimedId.toString(),
    });
  });

  it.each(['', 'a'.repeat(65), 'has space', 'ümlaut', 42])(
    'refuses client_message_id %p (400)',
    async (client_message_id) => {
      const res = await send(alice, { receiver_id: bob.user.id, content: 'x', client_message_id }).expect(
        400,
      );
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: [expect.stringContaining('client_message_id')],
      });
    },
  );
});
