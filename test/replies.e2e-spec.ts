import { until } from './support/event-sockets';
import { eventsApp } from './support/events-app';
import { Session } from './support/test-app';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TIME_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface MessageBody {
  id: string;
  conversation_id: string;
  content: string | null;
  reply_to: unknown;
}

describe('replies', () => {
  const events = eventsApp();
  const app = () => events.app;

  const group = async (prefix: string) => {
    const [ann, ben, cat] = [
      await app().register(`${prefix}ann`),
      await app().register(`${prefix}ben`),
      await app().register(`${prefix}cat`),
    ];
    const created = await app()
      .as(ann.access_token)
      .post('/api/conversations')
      .send({ title: 'replies', member_ids: [ben.user.id, cat.user.id] })
      .expect(201);
    return { ann, ben, cat, id: created.body.id as string };
  };
  const send = (session: Session, conversationId: string, body: object) =>
    app().as(session.access_token).post(`/api/conversations/${conversationId}/messages`).send(body);
  const history = async (session: Session, conversationId: string) =>
    (await app().as(session.access_token).get(`/api/messages/conversation/${conversationId}`).expect(200))
      .body as { total: number; data: MessageBody[] };

  it('quotes the original in the reply, its history and its event, and follows the original’s edit and delete', async () => {
    const { ann, ben, id } = await group('quote');
    const original = (await send(ann, id, { content: 'lunch at noon?' }).expect(201)).body as MessageBody;
    const watching = await events.sockets.connect(events.url, ann.access_token);

    const reply = await send(ben, id, {
      content: 'yes!',
      reply_to_message_id: original.id.toUpperCase(),
    }).expect(201);
    expect(reply.body).toEqual({
      id: expect.stringMatching(TIME_UUID) as unknown,
      conversation_id: id,
      sender_id: ben.user.id,
      receiver_id: null,
      content: 'yes!',
      created_at: expect.stringMatching(ISO) as unknown,
      edited_at: null,
      deleted: false,
      reactions: [],
      reply_to: {
        message_id: original.id,
        sender_id: ann.user.id,
        content: 'lunch at noon?',
        deleted: false,
      },
      attachments: [],
    });
    await until(() => watching.of('message.created').length > 0);
    expect(watching.of('message.created')).toEqual([{ v: 1, conversation_id: id, message: reply.body }]);
    expect((await history(ann, id)).data).toEqual([reply.body, { ...original, reply_to: null }]);

    await app()
      .as(ann.access_token)
      .patch(`/api/conversations/${id}/messages/${original.id}`)
      .send({ content: 'lunch at one?' })
      .expect(200);
    const [afterEdit] = (await history(ben, id)).data;
    expect(afterEdit).toEqual({
      ...reply.body,
      reply_to: { ...reply.body.reply_to, content: 'lunch at one?' },
    });

    await app().as(ann.access_token).delete(`/api/conversations/${id}/messages/${original.id}`).expect(204);
    const [afterDelete] = (await history(ben, id)).data;
    expect(afterDelete).toEqual({
      ...reply.body,
      reply_to: { message_id: original.id, sender_id: ann.user.id, content: null, deleted: true },
    });
  });

  it('quotes the start of a long original, and quotes in the page around a message and in edits', async () => {
    const { ann, ben, id } = await group('long');
    const long = `${'word '.repeat(30)}end`;
    const original = (await send(ann, id, { content: long }).expect(201)).body as MessageBody;
    const reply = (await send(ben, id, { content: 'tl;dr', reply_to_message_id: original.id }).expect(201))
      .body as MessageBody;
    expect(reply.reply_to).toEqual({
      message_id: original.id,
      sender_id: ann.user.id,
      content: long.slice(0, 100),
      deleted: false,
    });
    const around = await app()
      .as(ann.access_token)
      .get(`/api/messages/conversation/${id}?around=${reply.id}`)
      .expect(200);
    expect(around.body.data).toEqual([reply, { ...original, reply_to: null }]);
    const edited = await app()
      .as(ben.access_token)
      .patch(`/api/conversations/${id}/messages/${reply.id}`)
      .send({ content: 'too long; read it' })
      .expect(200);
    expect(edited.body).toEqual(
      expect.objectContaining({ content: 'too long; read it', reply_to: reply.reply_to }),
    );
    // A deleted reply shows no quote, as it shows no content.
    await app().as(ben.access_token).delete(`/api/conversations/${id}/messages/${reply.id}`).expect(204);
    const [deleted] = (await history(ann, id)).data;
    expect(deleted).toEqual(
      expect.objectContaining({ id: reply.id, deleted: true, content: null, reply_to: null }),
    );
  });

  it('replies on the direct path too', async () => {
    const [dee, eve] = [await app().register('replydee'), await app().register('replyeve')];
    const first = (
      await app()
        .as(dee.access_token)
        .post('/api/messages')
        .send({ receiver_id: eve.user.id, content: 'hi' })
        .expect(201)
    ).body as MessageBody;
    const reply = await app()
      .as(eve.access_token)
      .post('/api/messages')
      .send({ receiver_id: dee.user.id, content: 'hello', reply_to_message_id: first.id })
      .expect(201);
    expect(reply.body.reply_to).toEqual({
      message_id: first.id,
      sender_id: dee.user.id,
      content: 'hi',
      deleted: false,
    });
  });

  it('is idempotent by client_message_id, and refuses the same id replying to another message', async () => {
    const { ann, ben, id } = await group('retry');
    const one = (await send(ann, id, { content: 'one' }).expect(201)).body as MessageBody;
    const two = (await send(ann, id, { content: 'two' }).expect(201)).body as MessageBody;
    const body = { content: 'agreed', reply_to_message_id: one.id, client_message_id: 'reply-retry-1' };
    const first = await send(ben, id, body).expect(201);
    const replay = await send(ben, id, body).expect(200);
    expect(replay.body).toEqual(first.body);
    const other = await send(ben, id, { ...body, reply_to_message_id: two.id }).expect(409);
    expect(other.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'client_message_id reply-retry-1 was already used for another message in this conversation',
    });
    const noReply = await send(ben, id, { content: 'agreed', client_message_id: 'reply-retry-1' }).expect(
      409,
    );
    expect(noReply.body).toEqual(other.body);
    expect((await history(ann, id)).total).toBe(3);
  });

  it('refuses a malformed id, an unknown one and one of another conversation, writing nothing', async () => {
    const { ann, ben, cat, id } = await group('bad');
    const mine = (await send(ann, id, { content: 'here' }).expect(201)).body as MessageBody;
    const elsewhere = (
      await app()
        .as(cat.access_token)
        .post('/api/messages')
        .send({ receiver_id: ben.user.id, content: 'there' })
        .expect(201)
    ).body as MessageBody;

    const malformed = await send(ann, id, { content: 'x', reply_to_message_id: 'not-an-id' }).expect(400);
    expect(malformed.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['reply_to_message_id must be a message id (a version-1 UUID)'],
    });
    const unknown = '6a8f2e10-0000-11f0-8000-000000000000';
    const missing = await send(ann, id, { content: 'x', reply_to_message_id: unknown }).expect(404);
    expect(missing.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `reply_to_message_id ${unknown} is not a message of conversation ${id}`,
    });
    const foreign = await send(ann, id, { content: 'x', reply_to_message_id: elsewhere.id }).expect(404);
    expect(foreign.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `reply_to_message_id ${elsewhere.id} is not a message of conversation ${id}`,
    });
    expect((await history(ann, id)).data.map((message) => message.id)).toEqual([mine.id]);

    // A first direct message cannot reply: it is refused before the conversation is created.
    const firstContact = await app()
      .as(ann.access_token)
      .post('/api/messages')
      .send({ receiver_id: cat.user.id, content: 'x', reply_to_message_id: mine.id })
      .expect(404);
    expect(firstContact.body).toEqual(expect.objectContaining({ statusCode: 404 }));
    const list = await app().as(cat.access_token).get('/api/conversations').expect(200);
    expect((list.body.data as { kind: string }[]).map((conversation) => conversation.kind)).toEqual([
      'direct',
      'group',
    ]);
  });
});
