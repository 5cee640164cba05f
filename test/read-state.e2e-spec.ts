import { timeUuidAtMicros } from '../src/common/time/time-uuid';
import { until } from './support/event-sockets';
import { eventsApp } from './support/events-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('read positions ("seen by")', () => {
  const events = eventsApp();

  /** A group of three and three messages from its owner, oldest first. */
  const groupWithMessages = async (prefix: string) => {
    const [alice, bob, carol] = [
      await events.app.register(`${prefix}alice`),
      await events.app.register(`${prefix}bob`),
      await events.app.register(`${prefix}carol`),
    ];
    const group = await events.app
      .as(alice.access_token)
      .post('/api/conversations')
      .send({ title: 'Seen', member_ids: [bob.user.id, carol.user.id] })
      .expect(201);
    const id = group.body.id as string;
    const ids: string[] = [];
    for (const content of ['one', 'two', 'three']) {
      const sent = await events.app
        .as(alice.access_token)
        .post(`/api/conversations/${id}/messages`)
        .send({ content })
        .expect(201);
      ids.push(sent.body.id as string);
    }
    return { alice, bob, carol, id, ids };
  };

  it('moves a position forward only, tells the members when it moves, and lists every member', async () => {
    const { alice, bob, carol, id, ids } = await groupWithMessages('seen');
    const watching = await events.sockets.connect(events.url, carol.access_token);
    const mark = (messageId: string) =>
      events.app.as(bob.access_token).post(`/api/conversations/${id}/read`).send({ message_id: messageId });

    expect((await mark(ids[1]).expect(204)).text).toBe('');
    await mark(ids[0]).expect(204);
    const state = await events.app
      .as(alice.access_token)
      .get(`/api/conversations/${id}/read-state`)
      .expect(200);
    const members = [alice.user.id, bob.user.id, carol.user.id].sort((a, b) => a - b);
    expect(state.body).toEqual({
      total: 3,
      page: 1,
      limit: 20,
      // Alice sent the three messages: what one sends one has read.
      data: members.map((userId) => ({
        user_id: userId,
        last_read_message_id: { [alice.user.id]: ids[2], [bob.user.id]: ids[1] }[userId] ?? null,
      })),
      next_cursor: null,
    });
    await until(() => watching.events.length > 0);
    await sleep(200);
    // Told once: the older mark did not move the position.
    expect(watching.events).toEqual([
      ['read', { v: 1, conversation_id: id, user_id: bob.user.id, message_id: ids[1] }],
    ]);

    const first = await events.app
      .as(carol.access_token)
      .get(`/api/conversations/${id}/read-state?limit=2`)
      .expect(200);
    expect(first.body.data).toEqual(state.body.data.slice(0, 2));
    const rest = await events.app
      .as(carol.access_token)
      .get(`/api/conversations/${id}/read-state?limit=2&cursor=${first.body.next_cursor as string}`)
      .expect(200);
    expect(rest.body).toEqual({
      total: 3,
      page: 2,
      limit: 2,
      data: state.body.data.slice(2),
      next_cursor: null,
    });
  });

  it('ends at the newest of concurrent marks from several devices, whatever their order', async () => {
    const { bob, id, ids } = await groupWithMessages('race');
    const marks = Array.from({ length: 24 }, (_, i) => ids[(i * 7) % 3]);
    await Promise.all(
      marks.map((messageId) =>
        events.app
          .as(bob.access_token)
          .post(`/api/conversations/${id}/read`)
          .send({ message_id: messageId })
          .expect(204),
      ),
    );
    const state = await events.app
      .as(bob.access_token)
      .get(`/api/conversations/${id}/read-state`)
      .expect(200);
    expect(
      (state.body.data as { user_id: number; last_read_message_id: string }[]).find(
        (row) => row.user_id === bob.user.id,
      ),
    ).toEqual({ user_id: bob.user.id, last_read_message_id: ids[2] });
  });

  it('refuses a malformed id, one newer than the newest message, outsiders and API keys', async () => {
    const { alice, bob, carol, id, ids } = await groupWithMessages('bad');
    const outsider = await events.app.register('badoutsider');
    const later = timeUuidAtMicros(Date.now() * 1000 + 60_000_000);
    const post = (token: string, body: object) =>
      events.app.as(token).post(`/api/conversations/${id}/read`).send(body);
    expect((await post(bob.access_token, { message_id: 'x' }).expect(400)).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['message_id must be a message id (a version-1 UUID)'],
    });
    expect((await post(bob.access_token, { message_id: later }).expect(400)).body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: `message_id ${later} is newer than the newest message of conversation ${id}`,
    });
    expect((await post(outsider.access_token, { message_id: ids[0] }).expect(404)).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `conversation ${id} does not exist`,
    });
    await events.app.http().post(`/api/conversations/${id}/read`).send({ message_id: ids[0] }).expect(403);
    const state = await events.app
      .as(bob.access_token)
      .get(`/api/conversations/${id}/read-state`)
      .expect(200);
    // Only the sender's own sends moved a position.
    expect(state.body.data).toEqual(
      [alice.user.id, bob.user.id, carol.user.id]
        .sort((a, b) => a - b)
        .map((userId) => ({
          user_id: userId,
          last_read_message_id: userId === alice.user.id ? ids[2] : null,
        })),
    );
  });
});
