import { rawClient, createTestApp, TestApp, range } from './support/test-app';

describe('concurrent sends', () => {
  let t: TestApp;
  const send = (sender_id: number, receiver_id: number, content: string) =>
    t.http().post('/api/messages').send({ sender_id, receiver_id, content });

  beforeAll(async () => {
    t = await createTestApp();
    await t.users(...range(1000, 1039), ...range(2000, 2004), ...range(3000, 3009), ...range(3100, 3106));
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives two users who write to each other at the same moment one conversation', async () => {
    const pairs = Array.from({ length: 20 }, (_, i) => [1000 + 2 * i, 1001 + 2 * i]);
    const responses = await Promise.all(
      pairs.flatMap(([a, b]) => [send(a, b, 'hi!'), send(b, a, 'hey!'), send(a, b, 'hello?')]),
    );
    responses.forEach((res) => expect(res.status).toBe(201));
    for (let i = 0; i < pairs.length; i += 1) {
      const ids = new Set(responses.slice(3 * i, 3 * i + 3).map((res) => res.body.conversation_id));
      expect(ids.size).toBe(1);
      for (const user of pairs[i]) {
        const list = await t.http().get(`/api/conversations/user/${user}`).expect(200);
        expect(list.body.total).toBe(1);
        expect(list.body.data).toHaveLength(1);
      }
      const details = await t
        .http()
        .get(`/api/conversations/${[...ids][0]}`)
        .expect(200);
      expect(details.body.message_count).toBe(3);
    }
  });

  it('keeps one list entry per conversation, with its true latest message, under concurrent sends', async () => {
    const partners = [2001, 2002, 2003, 2004];
    const responses = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        send(i % 2 ? 2000 : partners[i % 4], i % 2 ? partners[i % 4] : 2000, `msg ${i}`),
      ),
    );
    responses.forEach((res) => expect(res.status).toBe(201));
    const latestByConversation = new Map<string, { created_at: string; id: string; content: string }>();
    for (const { body } of responses) {
      const current = latestByConversation.get(body.conversation_id);
      if (
        !current ||
        body.created_at > current.created_at ||
        (body.created_at === current.created_at && body.id > current.id)
      ) {
        latestByConversation.set(body.conversation_id, body);
      }
    }
    const list = await t.http().get('/api/conversations/user/2000?limit=100').expect(200);
    expect(list.body.total).toBe(4);
    expect(list.body.data).toHaveLength(4);
    for (const conversation of list.body.data) {
      const latest = latestByConversation.get(conversation.id);
      expect(conversation.last_message_at).toBe(latest?.created_at);
      expect(conversation.last_message_content).toBe(latest?.content);
    }
    const times = list.body.data.map((c: { last_message_at: string }) => c.last_message_at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('loses nothing when hundreds of messages are sent at once', async () => {
    const count = 400;
    const responses = await Promise.all(
      Array.from({ length: count }, (_, i) => send(3000 + (i % 10), 3100 + (i % 7), `bulk ${i}`)),
    );
    responses.forEach((res) => expect(res.status).toBe(201));
    const byConversation = new Map<string, Set<string>>();
    for (const { body } of responses) {
      const ids = byConversation.get(body.conversation_id) ?? new Set<string>();
      ids.add(body.id);
      byConversation.set(body.conversation_id, ids);
    }
    let stored = 0;
    for (const [conversationId, ids] of byConversation) {
      const page = await t.http().get(`/api/messages/conversation/${conversationId}?limit=100`).expect(200);
      expect(page.body.total).toBe(ids.size);
      expect(new Set(page.body.data.map((m: { id: string }) => m.id))).toEqual(ids);
      stored += page.body.data.length;
    }
    expect(stored).toBe(count);

    // And straight from the database, not only through the API.
    const client = await rawClient(t.keyspace);
    try {
      let rows = 0;
      for (const conversationId of byConversation.keys()) {
        const buckets = await client.execute(
          'SELECT bucket FROM conversation_buckets WHERE conversation_id = ?',
          [conversationId],
          { prepare: true },
        );
        for (const row of buckets.rows) {
          const result = await client.execute(
            'SELECT message_id FROM messages_by_conversation WHERE conversation_id = ? AND bucket = ?',
            [conversationId, row.get('bucket')],
            { prepare: true },
          );
          rows += result.rowLength;
        }
      }
      expect(rows).toBe(count);
    } finally {
      await client.shutdown();
    }
  });
});
