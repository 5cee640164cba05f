import { forEachLimited } from '../src/common/concurrency';
import { EventSockets, listen, until } from './support/event-sockets';
import { craftJwt, validClaims } from './support/jwt';
import { createTestApp, freshKeyspace, range, TestApp } from './support/test-app';

const REDIS_URL = 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface MessageCreated {
  v: number;
  conversation_id: string;
  message: { id: string; content: string };
}

describe('real-time events across two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  const urls: string[] = [];
  const sockets = new EventSockets();

  beforeAll(async () => {
    const keyspace = freshKeyspace();
    for (const _ of [0, 1]) {
      const t = await createTestApp({ CASSANDRA_KEYSPACE: keyspace, REDIS_URL });
      urls.push(await listen(t.app));
      if (a === undefined) a = t;
      else b = t;
    }
  });
  afterEach(() => sockets.closeAll());
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  /** A socket of a user on one instance, once connected, with the message.created events it received. */
  const connect = async (url: string, token: string) => {
    const connected = await sockets.connect(url, token);
    return {
      socket: connected.socket,
      get received() {
        return connected.of('message.created') as MessageCreated[];
      },
    };
  };
  const refusal = (url: string, auth: object) => sockets.refusal(url, auth);

  const tokensFor = async (ids: number[]) => {
    await a.users(...ids);
    const tokens = new Map<number, string>();
    await forEachLimited(ids, 8, async (id) => {
      tokens.set(
        id,
        (await a.http().post(`/api/users/${id}/tokens`).expect(201)).body.access_token as string,
      );
    });
    return tokens;
  };

  it('delivers a message sent over HTTP to instance A to the receiver on instance B and the sender on A', async () => {
    const tokens = await tokensFor([1, 2]);
    const sender = await connect(urls[0], tokens.get(1) ?? '');
    const receiver = await connect(urls[1], tokens.get(2) ?? '');
    const sent = await a
      .as(tokens.get(1) ?? '')
      .post('/api/messages')
      .send({ receiver_id: 2, content: 'across instances' })
      .expect(201);
    // Within 1 s, or the assertions below fail.
    await until(() => receiver.received.length > 0 && sender.received.length > 0, 1000);
    const expected = { v: 1, conversation_id: sent.body.conversation_id, message: sent.body };
    expect(receiver.received).toEqual([expected]);
    expect(sender.received).toEqual([expected]);
  });

  it('delivers a group message once to each of 20 members spread over both instances, and nothing to others', async () => {
    const members = range(101, 120);
    const tokens = await tokensFor([...members, 199]);
    const group = await a
      .as(tokens.get(101) ?? '')
      .post('/api/conversations')
      .send({ title: 'Everyone', member_ids: members.slice(1) })
      .expect(201);
    const connected = await Promise.all(members.map((id, i) => connect(urls[i % 2], tokens.get(id) ?? '')));
    const outsider = await connect(urls[1], tokens.get(199) ?? '');
    const sent = await b
      .as(tokens.get(110) ?? '')
      .post(`/api/conversations/${group.body.id as string}/messages`)
      .send({ content: 'hello all' })
      .expect(201);
    await until(() => connected.every((member) => member.received.length > 0));
    await sleep(200);
    for (const member of connected) {
      expect(member.received).toEqual([{ v: 1, conversation_id: group.body.id, message: sent.body }]);
    }
    expect(outsider.received).toEqual([]);
  });

  it('stops telling a member removed from a group at once', async () => {
    const tokens = await tokensFor([201, 202, 203, 204]);
    const group = await a
      .as(tokens.get(201) ?? '')
      .post('/api/conversations')
      .send({ title: 'Shrinking', member_ids: [202, 203, 204] })
      .expect(201);
    // The removed member is on the instance the send goes through, the one who stays on the other.
    const stays = await connect(urls[1], tokens.get(202) ?? '');
    const removed = await connect(urls[0], tokens.get(204) ?? '');
    await a
      .as(tokens.get(201) ?? '')
      .delete(`/api/conversations/${group.body.id as string}/members/204`)
      .expect(204);
    const sent = await a
      .as(tokens.get(201) ?? '')
      .post(`/api/conversations/${group.body.id as string}/messages`)
      .send({ content: 'after the removal' })
      .expect(201);
    await until(() => stays.received.length > 0);
    await sleep(300);
    expect(stays.received).toEqual([{ v: 1, conversation_id: group.body.id, message: sent.body }]);
    expect(removed.received).toEqual([]);
  });

  it('catches a reconnecting client up on exactly the 50 messages it missed, in order, then delivers live ones', async () => {
    const tokens = await tokensFor([401, 402, 403]);
    const send = (content: string) =>
      a
        .as(tokens.get(401) ?? '')
        .post('/api/messages')
        .send({ receiver_id: 402, content })
        .expect(201);
    const first = await connect(urls[1], tokens.get(402) ?? '');
    const seen = (await send('seen')).body as { id: string; conversation_id: string };
    await until(() => first.received.length > 0);
    first.socket.disconnect();

    const missed = [];
    for (let i = 0; i < 50; i += 1) missed.push((await send(`missed ${i}`)).body as object);
    const again = await connect(urls[1], tokens.get(402) ?? '');
    const answer: unknown = await again.socket.emitWithAck('sync', {
      conversations: [{ conversation_id: seen.conversation_id, after: seen.id }],
    });
    expect(answer).toEqual({
      v: 1,
      conversations: [
        { conversation_id: seen.conversation_id, status: 'ok', messages: missed, has_more: false },
      ],
    });
    const live = (await send('live')).body as object;
    await until(() => again.received.length > 0);
    expect(again.received).toEqual([{ v: 1, conversation_id: seen.conversation_id, message: live }]);

    // Someone else's conversation is not found; a malformed sync is answered with what is wrong.
    const outsider = await connect(urls[0], tokens.get(403) ?? '');
    expect(
      await outsider.socket.emitWithAck('sync', {
        conversations: [{ conversation_id: seen.conversation_id, after: seen.id }],
      }),
    ).toEqual({ v: 1, conversations: [{ conversation_id: seen.conversation_id, status: 'not_found' }] });
    expect(
      await outsider.socket.emitWithAck('sync', {
        conversations: [{ conversation_id: 'x', after: seen.id }],
      }),
    ).toEqual({
      v: 1,
      error: { code: 'bad_request', message: 'conversations[0].conversation_id must be a UUID' },
    });
  });

  it('refuses handshakes without a token, with a bad one, or with an expired one', async () => {
    const code = { code: 'unauthorized' };
    expect(await refusal(urls[0], {})).toEqual({
      message: 'an access token is required: connect with auth: { token: <access_token> }',
      data: code,
    });
    expect(await refusal(urls[1], { token: 'not-a-jwt' })).toEqual({
      message: 'the access token is invalid',
      data: code,
    });
    const expired = craftJwt(
      { alg: 'HS256', typ: 'JWT' },
      validClaims(1, { iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 300 }),
    );
    expect(await refusal(urls[0], { token: expired })).toEqual({
      message: 'the access token expired',
      data: code,
    });
  });

  it('closes a socket when its access token expires, saying why', async () => {
    await a.users(301);
    const now = Math.floor(Date.now() / 1000);
    const shortLived = craftJwt({ alg: 'HS256', typ: 'JWT' }, validClaims(301, { iat: now, exp: now + 2 }));
    const { socket } = await connect(urls[1], shortLived);
    const closed = await new Promise<{ expired: unknown; reason: string }>((resolve) => {
      let expired: unknown;
      socket.on('session.expired', (event: unknown) => (expired = event));
      socket.on('disconnect', (reason: string) => resolve({ expired, reason }));
    });
    expect(closed).toEqual({
      expired: { v: 1, reason: 'the access token expired: reconnect with a fresh one' },
      reason: 'io server disconnect',
    });
  });

  it('closes the sockets of a sign-in on every instance when it signs out, and no other sign-in of the user', async () => {
    const session = await a.register('signsout', 'correct horse battery staple');
    const other = await a
      .anon()
      .post('/api/auth/login')
      .send({ username: 'signsout', password: 'correct horse battery staple' })
      .expect(200);
    const onB = await sockets.connect(urls[1], session.access_token);
    const refreshed = await a
      .anon()
      .post('/api/auth/refresh')
      .send({ refresh_token: session.refresh_token })
      .expect(200);
    const onA = await sockets.connect(urls[0], refreshed.body.access_token as string);
    const otherSignIn = await sockets.connect(urls[1], other.body.access_token as string);
    const closed = [onA, onB].map(
      ({ socket }) => new Promise<string>((resolve) => socket.once('disconnect', resolve)),
    );
    await a
      .as(refreshed.body.access_token as string)
      .post('/api/auth/logout')
      .send({ refresh_token: refreshed.body.refresh_token })
      .expect(204);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    const revoked = { v: 1, reason: 'the sign-in was signed out or revoked: sign in again' };
    expect(onA.of('session.revoked')).toEqual([revoked]);
    expect(onB.of('session.revoked')).toEqual([revoked]);
    await sleep(200);
    expect(otherSignIn.socket.connected).toBe(true);
    expect(otherSignIn.events).toEqual([]);
  });
});
