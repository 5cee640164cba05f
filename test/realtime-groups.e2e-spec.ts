import { until } from './support/event-sockets';
import { eventsApp } from './support/events-app';
import { Session } from './support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One instance without REDIS_URL: events are delivered in process, as `npm start` does. */
describe('group changes and typing notices on the events socket', () => {
  const events = eventsApp();
  const { sockets } = events;

  const people = async (prefix: string, names: string[]) => {
    const sessions: Session[] = [];
    for (const name of names) sessions.push(await events.app.register(`${prefix}${name}`));
    const connected = await Promise.all(
      sessions.map((session) => sockets.connect(events.url, session.access_token)),
    );
    return sessions.map((session, i) => ({
      id: session.user.id,
      token: session.access_token,
      socket: connected[i],
    }));
  };

  it('tells every member of a group its creation, renames, added members, removals and leaving, and stops at once', async () => {
    const [alice, bob, carol, dave, eve] = await people('grp', ['alice', 'bob', 'carol', 'dave', 'eve']);
    const group = await events.app
      .as(alice.token)
      .post('/api/conversations')
      .send({ title: 'Plans', member_ids: [bob.id, carol.id] })
      .expect(201);
    const id = group.body.id as string;
    const facts = (title: string, memberCount: number, by: number) => ({
      v: 1,
      conversation_id: id,
      title,
      member_count: memberCount,
      changed_by: by,
    });

    await events.app
      .as(alice.token)
      .patch(`/api/conversations/${id}`)
      .send({ title: 'New plans' })
      .expect(200);
    await events.app
      .as(alice.token)
      .post(`/api/conversations/${id}/members`)
      .send({ user_ids: [dave.id] })
      .expect(200);
    await events.app.as(alice.token).delete(`/api/conversations/${id}/members/${carol.id}`).expect(204);
    await events.app.as(bob.token).delete(`/api/conversations/${id}/members/${bob.id}`).expect(204);
    const sent = await events.app
      .as(alice.token)
      .post(`/api/conversations/${id}/messages`)
      .send({ content: 'only for those still here' })
      .expect(201);

    const created: [string, unknown] = ['conversation.created', facts('Plans', 3, alice.id)];
    const renamed: [string, unknown] = ['conversation.updated', facts('New plans', 3, alice.id)];
    const added: [string, unknown] = [
      'members.added',
      { ...facts('New plans', 4, alice.id), user_ids: [dave.id] },
    ];
    const removed: [string, unknown] = [
      'member.removed',
      { ...facts('New plans', 3, alice.id), user_id: carol.id, left: false },
    ];
    const left: [string, unknown] = [
      'member.removed',
      { ...facts('New plans', 2, bob.id), user_id: bob.id, left: true },
    ];
    const message: [string, unknown] = ['message.created', { v: 1, conversation_id: id, message: sent.body }];
    await until(() => alice.socket.events.length >= 6 && dave.socket.events.length >= 4);
    await sleep(200);
    expect(alice.socket.events).toEqual([created, renamed, added, removed, left, message]);
    expect(bob.socket.events).toEqual([created, renamed, added, removed, left]);
    expect(carol.socket.events).toEqual([created, renamed, added, removed]);
    expect(dave.socket.events).toEqual([added, removed, left, message]);
    expect(eve.socket.events).toEqual([]);
  });

  it('passes a typing notice to the other members only, once per interval, and stores nothing', async () => {
    const [ann, ben, cid, out] = await people('typ', ['ann', 'ben', 'cid', 'out']);
    const group = await events.app
      .as(ann.token)
      .post('/api/conversations')
      .send({ title: 'Typing', member_ids: [ben.id, cid.id] })
      .expect(201);
    const id = group.body.id as string;
    await until(() => cid.socket.events.length > 0);
    for (const person of [ann, ben, cid]) person.socket.events.splice(0);

    expect(await ben.socket.socket.emitWithAck('typing', { conversation_id: id })).toEqual({
      v: 1,
      ok: true,
    });
    const again = (await ben.socket.socket.emitWithAck('typing', { conversation_id: id })) as {
      error: { retry_after_ms: number };
    };
    expect(again).toEqual({
      v: 1,
      error: {
        code: 'rate_limited',
        message: 'one typing notice per conversation every 3 s is passed on',
        retry_after_ms: again.error.retry_after_ms,
      },
    });
    expect(again.error.retry_after_ms).toBeGreaterThan(0);
    expect(again.error.retry_after_ms).toBeLessThanOrEqual(3000);
    expect(await out.socket.socket.emitWithAck('typing', { conversation_id: id })).toEqual({
      v: 1,
      error: { code: 'not_found', message: `conversation ${id} does not exist` },
    });
    expect(await out.socket.socket.emitWithAck('typing', { conversation_id: 'x' })).toEqual({
      v: 1,
      error: { code: 'bad_request', message: 'conversation_id must be a UUID' },
    });

    const notice = ['typing', { v: 1, conversation_id: id, user_id: ben.id }];
    await until(() => ann.socket.events.length > 0 && cid.socket.events.length > 0);
    await sleep(200);
    expect(ann.socket.events).toEqual([notice]);
    expect(cid.socket.events).toEqual([notice]);
    expect(ben.socket.events).toEqual([]);
    expect(out.socket.events).toEqual([]);
    const history = await events.app.as(ann.token).get(`/api/messages/conversation/${id}`).expect(200);
    expect(history.body).toEqual({
      total: 0,
      page: 1,
      limit: 20,
      data: [],
      next_cursor: null,
      newer_cursor: null,
    });
  });
});
