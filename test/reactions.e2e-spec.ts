import { until } from './support/event-sockets';
import { eventsApp } from './support/events-app';
import { Session } from './support/test-app';

const FAMILY = '👩‍👩‍👧';
const EMOJI = [
  '😀',
  '😃',
  '😄',
  '😁',
  '😆',
  '😅',
  '🤣',
  '😂',
  '🙂',
  '🙃',
  '😉',
  '😊',
  '😇',
  '🥰',
  '😍',
  '🤩',
  '😘',
  '😗',
  '😚',
  '😙',
];

describe('reactions', () => {
  const events = eventsApp();
  const app = () => events.app;

  /** A group of three and one message from its owner. */
  const groupWithMessage = async (prefix: string) => {
    const [alice, bob, carol] = [
      await app().register(`${prefix}alice`),
      await app().register(`${prefix}bob`),
      await app().register(`${prefix}carol`),
    ];
    const group = await app()
      .as(alice.access_token)
      .post('/api/conversations')
      .send({ title: 'Reacting', member_ids: [bob.user.id, carol.user.id] })
      .expect(201);
    const id = group.body.id as string;
    const sent = await app()
      .as(alice.access_token)
      .post(`/api/conversations/${id}/messages`)
      .send({ content: 'react to me' })
      .expect(201);
    return { alice, bob, carol, id, messageId: sent.body.id as string };
  };
  const path = (id: string, messageId: string, emoji: string) =>
    `/api/conversations/${id}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`;
  const react = (session: Session, id: string, messageId: string, emoji: string) =>
    app()
      .as(session.access_token)
      .put(path(id, messageId, emoji));
  const unreact = (session: Session, id: string, messageId: string, emoji: string) =>
    app()
      .as(session.access_token)
      .delete(path(id, messageId, emoji));
  const reactionsSeenBy = async (session: Session, id: string) =>
    (
      (await app().as(session.access_token).get(`/api/messages/conversation/${id}`).expect(200)).body
        .data as {
        reactions: unknown;
      }[]
    )[0].reactions;

  it('counts each user’s reaction once, marks the viewer’s, lists who reacted, and tells members', async () => {
    const { alice, bob, carol, id, messageId } = await groupWithMessage('count');
    const watching = await events.sockets.connect(events.url, carol.access_token);
    expect((await react(bob, id, messageId, '👍').expect(204)).text).toBe('');
    await react(bob, id, messageId, '👍').expect(204);
    await react(alice, id, messageId, '👍').expect(204);
    await react(alice, id, messageId, FAMILY).expect(204);

    expect(await reactionsSeenBy(bob, id)).toEqual([
      { emoji: '👍', count: 2, me: true },
      { emoji: FAMILY, count: 1, me: false },
    ]);
    expect(await reactionsSeenBy(carol, id)).toEqual([
      { emoji: '👍', count: 2, me: false },
      { emoji: FAMILY, count: 1, me: false },
    ]);

    const first = await app()
      .as(carol.access_token)
      .get(`${path(id, messageId, '👍')}?limit=1`)
      .expect(200);
    const ids = [alice.user.id, bob.user.id].sort((a, b) => a - b);
    expect(first.body).toEqual({
      total: 2,
      page: 1,
      limit: 1,
      data: [{ user_id: ids[0] }],
      next_cursor: expect.any(String) as unknown,
    });
    const rest = await app()
      .as(carol.access_token)
      .get(`${path(id, messageId, '👍')}?limit=1&cursor=${first.body.next_cursor as string}`)
      .expect(200);
    expect(rest.body).toEqual({
      total: 2,
      page: 2,
      limit: 1,
      data: [{ user_id: ids[1] }],
      next_cursor: null,
    });

    expect((await unreact(bob, id, messageId, '👍').expect(204)).text).toBe('');
    await unreact(bob, id, messageId, '👍').expect(204);
    expect(await reactionsSeenBy(bob, id)).toEqual([
      { emoji: '👍', count: 1, me: false },
      { emoji: FAMILY, count: 1, me: false },
    ]);

    await until(() => watching.events.filter(([name]) => name.startsWith('reaction.')).length >= 4);
    const reactionEvents = watching.events.filter(([name]) => name.startsWith('reaction.'));
    const told = (name: string, user: number, emoji: string) => [
      name,
      { v: 1, conversation_id: id, message_id: messageId, emoji, user_id: user },
    ];
    // Reacting again and taking back twice told nobody anything new.
    expect(reactionEvents).toEqual([
      told('reaction.added', bob.user.id, '👍'),
      told('reaction.added', alice.user.id, '👍'),
      told('reaction.added', alice.user.id, FAMILY),
      told('reaction.removed', bob.user.id, '👍'),
    ]);
  });

  it('holds under concurrent reactions: one per user and emoji', async () => {
    const { alice, bob, carol, id, messageId } = await groupWithMessage('concurrent');
    await Promise.all(
      [alice, bob, carol].flatMap((session) =>
        Array.from({ length: 6 }, () => react(session, id, messageId, '🎉').expect(204)),
      ),
    );
    expect(await reactionsSeenBy(alice, id)).toEqual([{ emoji: '🎉', count: 3, me: true }]);
  });

  it('refuses what is not one emoji, a 21st emoji, outsiders, API keys and deleted messages', async () => {
    const { alice, bob, id, messageId } = await groupWithMessage('refuse');
    const outsider = await app().register('refuseoutside');
    for (const bad of ['a', '👍👍', ':)', '👍 x']) {
      expect((await react(bob, id, messageId, bad).expect(400)).body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: ['emoji must be one emoji (a single grapheme cluster, URL-encoded in the path)'],
      });
    }
    expect((await react(outsider, id, messageId, '👍').expect(404)).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `conversation ${id} does not exist`,
    });
    await app()
      .http()
      .put(path(id, messageId, '👍'))
      .expect(403);

    for (const emoji of EMOJI) await react(bob, id, messageId, emoji).expect(204);
    expect((await react(alice, id, messageId, '🐙').expect(400)).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: `message ${messageId} already has 20 different emoji; react with one of them`,
    });
    // One of the twenty is still welcome.
    await react(alice, id, messageId, EMOJI[0]).expect(204);
    expect(((await reactionsSeenBy(alice, id)) as unknown[]).length).toBe(20);

    await app().as(alice.access_token).delete(`/api/conversations/${id}/messages/${messageId}`).expect(204);
    expect((await react(bob, id, messageId, '👍').expect(409)).body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: `message ${messageId} was deleted; a deleted message takes no reactions`,
    });
    expect(await reactionsSeenBy(bob, id)).toEqual([]);
  });
});
