import { forEachLimited } from '../src/common/concurrency';
import { cassandraAddress, createTestApp, range, TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DEADLINE_MS = 1500;

const deadlineAnswer = {
  statusCode: 503,
  error: 'Service Unavailable',
  message:
    `The request did not finish within ${DEADLINE_MS} ms and was stopped; a write it made may have been stored. ` +
    'Retry shortly (a send retried with the same client_message_id is stored once).',
};

describe('one deadline per request, through a relay that slows or loses the database answers', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  const database = cassandraAddress();

  beforeAll(async () => {
    proxy = new TcpProxy(database.host, database.port);
    await proxy.start();
    t = await createTestApp({
      CASSANDRA_HOST: '127.0.0.1',
      CASSANDRA_PORT: String(proxy.port),
      CASSANDRA_REQUEST_TIMEOUT_MS: '5000',
      REQUEST_DEADLINE_MS: String(DEADLINE_MS),
    });
  });
  afterEach(() => {
    proxy.answerDelayMs = 0;
    proxy.restoreAnswers();
  });
  afterAll(async () => {
    process.env.CASSANDRA_PORT = String(database.port);
    await t.close();
    await proxy.stop();
  });

  /** Sends until the database answers again (the driver may still be reconnecting), at most 20 tries. */
  const retry = async <R extends { status: number }>(send: () => PromiseLike<R>): Promise<R> => {
    for (let attempt = 0; ; attempt += 1) {
      const res = await send();
      if (res.status !== 503 || attempt === 20) return res;
      await sleep(500);
    }
  };

  it('stops a request at its deadline with 503 and Retry-After, and sends no statement for it afterwards', async () => {
    const members = range(1101, 1200);
    await t.users(...members);
    const tokens = new Map<number, string>();
    await forEachLimited(members, 8, async (id) => {
      tokens.set(
        id,
        (await t.http().post(`/api/users/${id}/tokens`).expect(201)).body.access_token as string,
      );
    });
    const owner = t.as(tokens.get(1101) ?? '');
    const group = await owner
      .post('/api/conversations')
      .send({ title: 'Slow', member_ids: members.slice(1) })
      .expect(201);
    const url = `/api/conversations/${group.body.id as string}/messages`;
    await owner.post(url).send({ content: 'warm-up', client_message_id: 'warm-up' }).expect(201);

    // Each answer now takes 250 ms: a send to 100 members needs several of them one after another.
    proxy.answerDelayMs = 250;
    const body = { content: 'slow', client_message_id: 'slow-1' };
    const slow = await t
      .as(tokens.get(1101) ?? '')
      .post(url)
      .send(body);
    expect(slow.status).toBe(503);
    expect(slow.headers['retry-after']).toBe('5');
    expect(slow.body).toEqual(deadlineAnswer);
    const sentAtAnswer = proxy.bytesToNode;
    await sleep(1000);
    expect(proxy.bytesToNode).toBe(sentAtAnswer);

    // The retry, at full speed, completes the send: one message, at the top of every member's list.
    proxy.answerDelayMs = 0;
    const retried = await retry(() =>
      t
        .as(tokens.get(1101) ?? '')
        .post(url)
        .send(body),
    );
    expect([200, 201]).toContain(retried.status);
    const details = await owner.get(`/api/conversations/${group.body.id as string}`).expect(200);
    expect(details.body).toMatchObject({ last_message_id: retried.body.id, last_message_content: 'slow' });
    for (const member of [1102, 1150, 1200]) {
      const list = await t
        .as(tokens.get(member) ?? '')
        .get('/api/conversations?limit=1')
        .expect(200);
      expect(
        list.body.data.map((c: { id: string; last_message_id: string }) => [c.id, c.last_message_id]),
      ).toEqual([[group.body.id, retried.body.id]]);
    }
    const page = await owner
      .get(`/api/messages/conversation/${group.body.id as string}?limit=10`)
      .expect(200);
    expect(page.body.data.filter((m: { content: string }) => m.content === 'slow')).toHaveLength(1);
  });

  it.each([
    ['its claim', 1],
    ['its writes', 2],
  ])('stores a send once when the answer to %s is lost and the send is retried', async (_what, answered) => {
    const [from, to] = answered === 1 ? [1001, 1002] : [1003, 1004];
    await t.users(from, to);
    const send = (content: string, clientMessageId: string) =>
      t
        .http()
        .post('/api/messages')
        .send({ sender_id: from, receiver_id: to, content, client_message_id: clientMessageId });
    await send('warm-up', `warm-${from}`).expect(201);

    // The conversation row's answer passes (and the claim's, for the second case); every later one is lost.
    proxy.loseAnswersAfter(answered);
    const lost = await send('lost', `lost-${from}`);
    expect(lost.status).toBe(503);
    expect(lost.body).toEqual(deadlineAnswer);
    proxy.restoreAnswers();

    const retried = await retry(() => send('lost', `lost-${from}`));
    expect(retried.status).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    const page = await t
      .http()
      .get(`/api/messages/conversation/${retried.body.conversation_id as string}`)
      .expect(200);
    expect(page.body.data.map((m: { content: string }) => m.content)).toEqual(['lost', 'warm-up']);
    expect(page.body.data[0]).toEqual(retried.body);
  });
});
