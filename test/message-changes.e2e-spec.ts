import { Client } from 'cassandra-driver';
import { timeUuidAtMicros } from '../src/common/time/time-uuid';
import { until } from './support/event-sockets';
import { eventsApp } from './support/events-app';
import { rawClient, Session } from './support/test-app';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface MessageBody {
  id: string;
  conversation_id: string;
  sender_id: number;
  receiver_id: number | null;
  content: string | null;
  created_at: string;
  edited_at: string | null;
  deleted: boolean;
}

describe('edits and deletes of messages', () => {
  const events = eventsApp();
  let db: Client;

  beforeAll(async () => {
    db = await rawClient(events.app.keyspace);
  });
  afterAll(() => db.shutdown());

  const app = () => events.app;
  const direct = async (prefix: string) => {
    const [alice, bob] = [await app().register(`${prefix}alice`), await app().register(`${prefix}bob`)];
    const first = await app()
      .as(alice.access_token)
      .post('/api/messages')
      .send({ receiver_id: bob.user.id, content: 'first' })
      .expect(201);
    return { alice, bob, id: first.body.conversation_id as string, first: first.body as MessageBody };
  };
  const send = async (session: Session, conversationId: string, content: string, clientMessageId?: string) =>
    (
      await app()
        .as(session.access_token)
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ content, ...(clientMessageId && { client_message_id: clientMessageId }) })
    ).body as MessageBody;
  const edit = (session: Session, conversationId: string, messageId: string, content: unknown) =>
    app()
      .as(session.access_token)
      .patch(`/api/conversations/${conversationId}/messages/${messageId}`)
      .send({ content });
  const remove = (session: Session, conversationId: string, messageId: string) =>
    app().as(session.access_token).delete(`/api/conversations/${conversationId}/messages/${messageId}`);
  const history = async (session: Session, conversationId: string) =>
    (await app().as(session.access_token).get(`/api/messages/conversation/${conversationId}`).expect(200))
      .body.data as MessageBody[];
  /** The stored row itself, found in the conversation's buckets. */
  const storedRow = async (conversationId: string, messageId: string) => {
    const buckets = await db.execute('SELECT bucket FROM conversation_buckets WHERE conversation_id = ?', [
      conversationId,
    ]);
    for (const { bucket } of buckets.rows) {
      const row = (
        await db.execute(
          'SELECT content, deleted FROM messages_by_conversation WHERE conversation_id = ? AND bucket = ? AND message_id = ?',
          [conversationId, bucket, messageId],
          { prepare: true },
        )
      ).first();
      if (row) return { content: row.get('content') as string, deleted: row.get('deleted') as boolean };
    }
    return undefined;
  };

  /** The conversation's preview in the user's list. */
  const preview = async (session: Session, conversationId: string) => {
    const page = await app().as(session.access_token).get('/api/conversations').expect(200);
    const item = (
      page.body.data as { id: string; last_message_id: string; last_message_content: string | null }[]
    ).find((conversation) => conversation.id === conversationId);
    return item && { last_message_id: item.last_message_id, last_message_content: item.last_message_content };
  };

  it('lets the author edit, and shows the edit in history and to members', async () => {
    const { alice, bob, id, first } = await direct('edit');
    const watching = await events.sockets.connect(events.url, bob.access_token);
    const edited = await edit(alice, id, first.id, 'first, edited ✏️').expect(200);
    expect(edited.body).toEqual({
      ...first,
      content: 'first, edited ✏️',
      edited_at: expect.stringMatching(ISO) as unknown,
    });
    expect(Date.parse(edited.body.edited_at as string)).toBeGreaterThanOrEqual(Date.parse(first.created_at));
    expect(await history(bob, id)).toEqual([edited.body]);
    await until(() => watching.events.some(([name]) => name === 'message.updated'));
    expect(watching.events.filter(([name]) => name === 'message.updated')).toEqual([
      ['message.updated', { v: 1, conversation_id: id, message: edited.body }],
    ]);

    const again = await edit(alice, id, first.id, 'third version').expect(200);
    expect(again.body).toEqual({ ...edited.body, content: 'third version', edited_at: again.body.edited_at });
  });

  it('refuses edits by others, of unknown or foreign messages, and bad content, writing nothing', async () => {
    const { alice, bob, id, first } = await direct('refuse');
    const other = await direct('refuseother');
    const outsider = await app().register('refuseoutsider');
    expect((await edit(bob, id, first.id, 'not mine').expect(403)).body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: `only its author (user ${alice.user.id}) can edit message ${first.id}`,
    });
    expect((await edit(outsider, id, first.id, 'x').expect(404)).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `conversation ${id} does not exist`,
    });
    const unknown = timeUuidAtMicros(Date.now() * 1000);
    expect((await edit(alice, id, unknown, 'x').expect(404)).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `message ${unknown} does not exist in conversation ${id}`,
    });
    // A message of another conversation is not found here either.
    expect((await edit(alice, id, other.first.id, 'x').expect(404)).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `message ${other.first.id} does not exist in conversation ${id}`,
    });
    expect((await edit(alice, id, 'nope', 'x').expect(400)).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['message_id must be a message id (a version-1 UUID)'],
    });
    const blank = await edit(alice, id, first.id, '   ').expect(400);
    expect(blank.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['content must not be only white space'],
    });
    await app()
      .http()
      .patch(`/api/conversations/${id}/messages/${first.id}`)
      .send({ content: 'key' })
      .expect(403);
    expect(await history(alice, id)).toEqual([first]);
  });

  it('deletes into a placeholder, for the author and a group’s owner or admin only', async () => {
    const { alice, bob, id, first } = await direct('delete');
    const watching = await events.sockets.connect(events.url, bob.access_token);
    expect((await remove(bob, id, first.id).expect(403)).body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: `only its author (user ${alice.user.id}) or a group's owner or admin can delete message ${first.id}`,
    });
    expect((await remove(alice, id, first.id).expect(204)).text).toBe('');
    const placeholder = { ...first, content: null, edited_at: null, deleted: true };
    expect(await history(bob, id)).toEqual([placeholder]);
    await remove(alice, id, first.id).expect(204);
    expect((await edit(alice, id, first.id, 'back?').expect(409)).body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `message ${first.id} was deleted; a deleted message cannot be edited`,
    });
    expect(await history(alice, id)).toEqual([placeholder]);
    await until(() => watching.events.some(([name]) => name === 'message.deleted'));
    expect(watching.events.filter(([name]) => name === 'message.deleted')).toEqual([
      ['message.deleted', { v: 1, conversation_id: id, message_id: first.id, deleted_by: alice.user.id }],
    ]);

    const [owner, admin, member] = [
      await app().register('modowner'),
      await app().register('modadmin'),
      await app().register('modmember'),
    ];
    const group = await app()
      .as(owner.access_token)
      .post('/api/conversations')
      .send({ title: 'Moderated', member_ids: [admin.user.id, member.user.id] })
      .expect(201);
    const groupId = group.body.id as string;
    const byMember = await send(member, groupId, 'from a member');
    const byOwner = await send(owner, groupId, 'from the owner');
    await remove(member, groupId, byOwner.id).expect(403);
    await remove(owner, groupId, byMember.id).expect(204);
    expect((await history(admin, groupId)).map((message) => [message.id, message.deleted])).toEqual([
      [byOwner.id, false],
      [byMember.id, true],
    ]);
  });

  it('never brings content back when an edit races a delete, in either order, 100 times', async () => {
    const { alice, id } = await direct('race');
    const outcomes = { edited: 0, refused: 0 };
    for (let round = 0; round < 100; round += 1) {
      const message = await send(alice, id, `race ${round}`);
      const editing = edit(alice, id, message.id, `edited ${round}`);
      const deleting = remove(alice, id, message.id);
      const [edited, deleted] =
        round % 2 === 0
          ? await Promise.all([editing, deleting])
          : await Promise.all([deleting, editing]).then(([d, e]) => [e, d]);
      expect(deleted.status).toBe(204);
      expect([200, 409]).toContain(edited.status);
      outcomes[edited.status === 200 ? 'edited' : 'refused'] += 1;
      expect(await storedRow(id, message.id)).toEqual({ content: '', deleted: true });
      expect(await preview(alice, id)).toEqual({ last_message_id: message.id, last_message_content: null });
    }
    const shown = await app()
      .as(alice.access_token)
      .get(`/api/messages/conversation/${id}?limit=100`)
      .expect(200);
    expect(
      (shown.body.data as MessageBody[]).every((message) => message.deleted && message.content === null),
    ).toBe(true);
    expect(outcomes.edited + outcomes.refused).toBe(100);
  });

  it('keeps an edit when the original send is retried, and unread counts skip deleted messages', async () => {
    const { alice, bob, id } = await direct('retry');
    const sent = await send(alice, id, 'original', 'retry-send-1');
    await edit(alice, id, sent.id, 'corrected').expect(200);
    await app()
      .as(alice.access_token)
      .post(`/api/conversations/${id}/messages`)
      .send({ content: 'original', client_message_id: 'retry-send-1' })
      .expect(200);
    expect((await history(bob, id))[0]).toEqual(
      expect.objectContaining({ id: sent.id, content: 'corrected', deleted: false }),
    );

    const unread = async () =>
      (
        (await app().as(bob.access_token).get(`/api/conversations/${id}`).expect(200)).body as {
          unread_count: number;
        }
      ).unread_count;
    expect(await unread()).toBe(2);
    await remove(alice, id, sent.id).expect(204);
    expect(await unread()).toBe(1);
  });

  it('has the list preview follow an edit and a delete of the latest message only', async () => {
    const { alice, bob, id, first } = await direct('preview');
    const second = await send(bob, id, 'second');
    await edit(alice, id, first.id, 'first, edited').expect(200);
    // Not the latest: the preview stays.
    expect(await preview(alice, id)).toEqual({ last_message_id: second.id, last_message_content: 'second' });
    await edit(bob, id, second.id, 'second, edited').expect(200);
    for (const session of [alice, bob])
      expect(await preview(session, id)).toEqual({
        last_message_id: second.id,
        last_message_content: 'second, edited',
      });
    const details = await app().as(alice.access_token).get(`/api/conversations/${id}`).expect(200);
    expect(details.body).toEqual(
      expect.objectContaining({ last_message_id: second.id, last_message_content: 'second, edited' }),
    );
    await remove(bob, id, second.id).expect(204);
    for (const session of [alice, bob])
      expect(await preview(session, id)).toEqual({ last_message_id: second.id, last_message_content: null });
    const third = await send(alice, id, 'third');
    expect(await preview(bob, id)).toEqual({ last_message_id: third.id, last_message_content: 'third' });
  });

  it('keeps a newer message in the preview when an edit of the one before races its send', async () => {
    const { alice, bob, id } = await direct('newer');
    for (let round = 0; round < 20; round += 1) {
      const before = await send(alice, id, `before ${round}`);
      const [, after] = await Promise.all([
        edit(alice, id, before.id, `edited ${round}`).expect(200),
        send(bob, id, `after ${round}`),
      ]);
      for (const session of [alice, bob])
        expect(await preview(session, id)).toEqual({
          last_message_id: after.id,
          last_message_content: `after ${round}`,
        });
    }
  });
});
