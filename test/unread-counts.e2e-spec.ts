import { compareTimeUuids } from '../src/common/time/time-uuid';
import { createTestApp, freshKeyspace, Session, TestApp } from './support/test-app';

interface Listed {
  id: string;
  unread_count: number | null;
  last_read_message_id: string | null;
  last_message_id: string | null;
}

describe('unread counts and read positions in lists and details', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CASSANDRA_KEYSPACE: freshKeyspace() });
  });
  afterAll(() => t.close());

  const sendTo = async (session: Session, conversationId: string, content: string) =>
    (
      await t
        .as(session.access_token)
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ content })
        .expect(201)
    ).body.id as string;
  const markRead = (session: Session, conversationId: string, messageId: string) =>
    t
      .as(session.access_token)
      .post(`/api/conversations/${conversationId}/read`)
      .send({ message_id: messageId })
      .expect(204);
  const listed = async (session: Session, conversationId: string) => {
    const page = await t.as(session.access_token).get('/api/conversations?limit=100').expect(200);
    return (page.body.data as Listed[]).find((item) => item.id === conversationId);
  };
  const details = async (session: Session, conversationId: string) =>
    (await t.as(session.access_token).get(`/api/conversations/${conversationId}`).expect(200)).body as Listed;
  const badge = async (session: Session) =>
    (await t.as(session.access_token).get('/api/conversations/unread').expect(200)).body as unknown;
  const direct = async (from: Session, to: Session, content: string) => {
    const sent = await t
      .as(from.access_token)
      .post('/api/messages')
      .send({ receiver_id: to.user.id, content })
      .expect(201);
    return sent.body as { id: string; conversation_id: string };
  };

  it('counts the messages of others after the position; a send and a mark move it', async () => {
    const [alice, bob] = [await t.register('unreadalice'), await t.register('unreadbob')];
    const first = await direct(alice, bob, 'one');
    const id = first.conversation_id;
    const second = await sendTo(alice, id, 'two');
    const third = await sendTo(alice, id, 'three');

    const bobSees = await listed(bob, id);
    expect(bobSees).toEqual(expect.objectContaining({ unread_count: 3, last_read_message_id: null }));
    expect(await details(bob, id)).toEqual(
      expect.objectContaining({ unread_count: 3, last_read_message_id: null, message_count: 3 }),
    );
    // What one sends one has read.
    expect(await listed(alice, id)).toEqual(
      expect.objectContaining({ unread_count: 0, last_read_message_id: third }),
    );
    expect(await badge(bob)).toEqual({ unread_conversations: 1, complete: true });
    expect(await badge(alice)).toEqual({ unread_conversations: 0, complete: true });

    await markRead(bob, id, second);
    expect(await listed(bob, id)).toEqual(
      expect.objectContaining({ unread_count: 1, last_read_message_id: second }),
    );
    expect(await details(bob, id)).toEqual(
      expect.objectContaining({ unread_count: 1, last_read_message_id: second }),
    );

    const reply = await sendTo(bob, id, 'four');
    expect(await listed(bob, id)).toEqual(
      expect.objectContaining({ unread_count: 0, last_read_message_id: reply, last_message_id: reply }),
    );
    expect(await listed(alice, id)).toEqual(
      expect.objectContaining({ unread_count: 1, last_read_message_id: third }),
    );
    expect(await badge(bob)).toEqual({ unread_conversations: 0, complete: true });
    expect(await badge(alice)).toEqual({ unread_conversations: 1, complete: true });

    // A trusted backend reads a conversation as no member: there is no reader to count for.
    const asBackend = await t.http().get(`/api/conversations/${id}`).expect(200);
    expect(asBackend.body).toEqual(
      expect.objectContaining({ unread_count: null, last_read_message_id: null, message_count: 4 }),
    );
    // ...but a user's list, read by a trusted backend, is that user's.
    const bobsList = await t.http().get(`/api/conversations/user/${bob.user.id}`).expect(200);
    expect(bobsList.body.data).toEqual([
      expect.objectContaining({ id, unread_count: 0, last_read_message_id: reply }),
    ]);
  });

  it('stops counting at 100', async () => {
    const [alice, bob] = [await t.register('capalice'), await t.register('capbob')];
    const { conversation_id: id } = await direct(alice, bob, 'm0');
    for (let sent = 1; sent < 105; sent += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, 105 - sent) }, (_, i) => sendTo(alice, id, `m${sent + i}`)),
      );
    }
    expect(await listed(bob, id)).toEqual(expect.objectContaining({ unread_count: 100 }));
    const history = await t
      .as(bob.access_token)
      .get(`/api/messages/conversation/${id}?limit=100`)
      .expect(200);
    const ids = (history.body.data as { id: string }[]).map((message) => message.id);
    // Newest first: the 100th newest leaves 99 after it.
    await markRead(bob, id, ids[99]);
    expect(await listed(bob, id)).toEqual(expect.objectContaining({ unread_count: 99 }));
    await markRead(bob, id, ids[0]);
    expect(await listed(bob, id)).toEqual(expect.objectContaining({ unread_count: 0 }));
  });

  it('matches a brute-force count after a random mix of 500 sends and reads by five members', async () => {
    const members = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => t.register(`mix${name}`)));
    const [owner, ...others] = members;
    const group = await t
      .as(owner.access_token)
      .post('/api/conversations')
      .send({ title: 'Mix', member_ids: others.map((member) => member.user.id) })
      .expect(201);
    const id = group.body.id as string;
    const seen: string[] = [];
    let sends = 0;
    // Five members at once, each sending or marking a random message it has seen as read.
    await Promise.all(
      members.map(async (member, index) => {
        while (sends < 500) {
          if (seen.length > 0 && Math.random() < 0.3) {
            await markRead(member, id, seen[Math.floor(Math.random() * seen.length)]);
          } else {
            sends += 1;
            seen.push(await sendTo(member, id, `message ${sends} from ${index}`));
          }
        }
      }),
    );

    const history: { id: string; sender_id: number }[] = [];
    for (let cursor: string | null = ''; cursor !== null;) {
      const page = await t
        .as(owner.access_token)
        .get(`/api/messages/conversation/${id}?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      history.push(...(page.body.data as { id: string; sender_id: number }[]));
      cursor = page.body.next_cursor as string | null;
    }
    expect(history).toHaveLength(sends);
    const state = await t.as(owner.access_token).get(`/api/conversations/${id}/read-state`).expect(200);
    const positions = new Map(
      (state.body.data as { user_id: number; last_read_message_id: string | null }[]).map((row) => [
        row.user_id,
        row.last_read_message_id,
      ]),
    );
    for (const member of members) {
      const position = positions.get(member.user.id) ?? null;
      // The position is at least the member's own latest message.
      const own = history.find((message) => message.sender_id === member.user.id);
      if (own) expect(position !== null && compareTimeUuids(position, own.id) >= 0).toBe(true);
      const unread = history.filter(
        (message) =>
          message.sender_id !== member.user.id &&
          (position === null || compareTimeUuids(message.id, position) > 0),
      ).length;
      const expected = { unread_count: Math.min(unread, 100), last_read_message_id: position };
      expect(await listed(member, id)).toEqual(expect.objectContaining(expected));
      expect(await details(member, id)).toEqual(expect.objectContaining(expected));
    }
  });

  it('answers the badge only for users', async () => {
    const refused = await t.http().get('/api/conversations/unread').expect(403);
    expect(refused.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'this endpoint acts for the signed-in user: call it with a user access token, not an API key',
    });
    const fresh = await t.register('badgefresh');
    expect(await badge(fresh)).toEqual({ unread_conversations: 0, complete: true });
  });
});
