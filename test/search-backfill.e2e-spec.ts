import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client, types } from 'cassandra-driver';
import { createTestApp, rawClient, Session, TestApp } from './support/test-app';

const run = promisify(execFile);

describe('npm run search:backfill (dist/search-backfill.js)', () => {
  let t: TestApp;
  let db: Client;
  let ann: Session;
  let ben: Session;
  let conversationId: string;

  const search = async (q: string) =>
    (
      await t
        .as(ann.access_token)
        .get(`/api/conversations/${conversationId}/messages/search?q=${encodeURIComponent(q)}`)
        .expect(200)
    ).body as { data: { id: string; content: string }[] };
  /** A message row as the service wrote it before migration 0013: no search terms. */
  const legacyMessage = async (content: string, atMicros: number) => {
    const id = types.TimeUuid.fromDate(
      new Date(Math.floor(atMicros / 1000)),
      Math.floor((atMicros % 1000) * 10),
    );
    const bucket = (
      await db.execute(
        'SELECT bucket FROM conversation_buckets WHERE conversation_id = ? LIMIT 1',
        [conversationId],
        {
          prepare: true,
        },
      )
    )
      .first()
      .get('bucket') as number;
    await db.execute(
      `INSERT INTO messages_by_conversation (conversation_id, bucket, message_id, sender_id, receiver_id, content)
       VALUES (?, ?, ?, ?, ?, ?) USING TIMESTAMP ?`,
      [conversationId, bucket, id, ann.user.id, ben.user.id, content, types.Long.fromNumber(atMicros)],
      { prepare: true },
    );
    return id.toString();
  };
  const backfill = async () =>
    (
      await run(process.execPath, [path.join(__dirname, '..', 'dist', 'search-backfill.js')], {
        env: { ...process.env, CASSANDRA_KEYSPACE: t.keyspace, LOG_LEVEL: 'warn' },
      })
    ).stdout.trim();

  beforeAll(async () => {
    t = await createTestApp();
    db = await rawClient(t.keyspace);
    [ann, ben] = [await t.register('backfillann'), await t.register('backfillben')];
    const first = await t
      .as(ann.access_token)
      .post('/api/messages')
      .send({ receiver_id: ben.user.id, content: 'a kumquat of today' })
      .expect(201);
    conversationId = (first.body as { conversation_id: string }).conversation_id;
  });
  afterAll(async () => {
    await db.shutdown();
    await t.close();
  });

  it('makes messages stored without search terms findable, once, and leaves the others as they are', async () => {
    // After the conversation's first message, in its bucket, as messages the old service wrote there.
    const now = Date.now() * 1000;
    const old = await legacyMessage('An old Kumquat, from before search', now);
    await legacyMessage('🍊🍊', now + 1);
    expect((await search('kumquat')).data.map((hit) => hit.content)).toEqual(['a kumquat of today']);
    expect(await backfill()).toBe('Search backfill done: 2 messages had no search terms; 1 now have them.');
    const found = await search('kumquat');
    expect(found.data.map((hit) => hit.content)).toEqual([
      'An old Kumquat, from before search',
      'a kumquat of today',
    ]);
    expect(found.data[0].id).toBe(old);
    // Again: only the message without words is still without terms.
    expect(await backfill()).toBe('Search backfill done: 1 messages had no search terms; 0 now have them.');
  });

  it('leaves an edit in charge of the terms, before or after the backfill', async () => {
    const now = Date.now() * 1000;
    const edit = (id: string, content: string) =>
      t
        .as(ann.access_token)
        .patch(`/api/conversations/${conversationId}/messages/${id}`)
        .send({ content })
        .expect(200);
    const editedBefore = await legacyMessage('a persimmon to edit', now);
    const editedAfter = await legacyMessage('a loquat to edit', now + 1);
    await edit(editedBefore, 'a quince now');
    await backfill();
    await edit(editedAfter, 'a medlar now');
    expect((await search('persimmon')).data).toEqual([]);
    expect((await search('loquat')).data).toEqual([]);
    expect((await search('quince')).data.map((hit) => hit.id)).toEqual([editedBefore]);
    expect((await search('medlar')).data.map((hit) => hit.id)).toEqual([editedAfter]);
  });
});
