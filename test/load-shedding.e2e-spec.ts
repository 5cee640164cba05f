import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { createTestApp, TEST_API_KEY, TestApp } from './support/test-app';

const LIMIT = 2;

interface Answer {
  readonly status: number;
  readonly retryAfter?: string;
  readonly body: unknown;
}

describe('load shedding', () => {
  let t: TestApp;
  let port = 0;

  beforeAll(async () => {
    t = await createTestApp({ MAX_IN_FLIGHT_REQUESTS: String(LIMIT) });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /**
   * A send whose body is held back after its first bytes: the service is serving it (its headers are in,
   * its body is being read) until `finish` writes the rest, or `abandon` drops the connection.
   */
  const heldSend = (senderId: number, receiverId: number, content: string) => {
    const body = JSON.stringify({ sender_id: senderId, receiver_id: receiverId, content });
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/messages',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        'X-Api-Key': TEST_API_KEY,
      },
    });
    const answer = new Promise<Answer>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      });
      req.on('error', reject);
    });
    req.flushHeaders();
    req.write(body.slice(0, 5));
    return {
      answer,
      finish: () => req.end(body.slice(5)),
      abandon: () => {
        answer.catch(() => undefined);
        req.destroy();
      },
    };
  };

  const get = async (path: string): Promise<Answer> => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'X-Api-Key': TEST_API_KEY } });
    return {
      status: res.status,
      ...(res.headers.has('retry-after') && { retryAfter: res.headers.get('retry-after') ?? '' }),
      body: await res.json(),
    };
  };
  const send = async (senderId: number, receiverId: number, content: string): Promise<Answer> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Api-Key': TEST_API_KEY },
      body: JSON.stringify({ sender_id: senderId, receiver_id: receiverId, content }),
    });
    return {
      status: res.status,
      ...(res.headers.has('retry-after') && { retryAfter: res.headers.get('retry-after') ?? '' }),
      body: await res.json(),
    };
  };
  /** Until the service has taken in every held request (each counted as soon as its headers are in). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  const shed = {
    status: 503,
    retryAfter: '1',
    body: {
      statusCode: 503,
      error: 'Service Unavailable',
      message: `the service is serving its limit of ${LIMIT} requests at once; retry after 1 s`,
    },
  };

  it('answers 503 with Retry-After past its limit of requests at once, stores nothing shed, and admits again as they finish', async () => {
    // One at a time: three at once would pass the limit.
    for (const id of [801, 802, 803]) await t.users(id);
    const first = heldSend(801, 802, 'first held');
    const second = heldSend(802, 801, 'second held');
    await settle();

    expect(await send(801, 803, 'shed')).toEqual(shed);
    expect(await get('/api/conversations/user/803')).toEqual(shed);
    // Health checks are answered whatever the load.
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });

    // One finishes: one more is admitted, and the limit holds again behind it.
    first.finish();
    expect(await first.answer).toMatchObject({ status: 201, body: { content: 'first held' } });
    const third = heldSend(801, 802, 'third held');
    await settle();
    expect(await send(801, 803, 'shed again')).toEqual(shed);

    // A client that goes away frees its place too, once.
    second.abandon();
    await settle();
    const fourth = heldSend(802, 801, 'fourth held');
    await settle();
    expect(await send(801, 803, 'shed once more')).toEqual(shed);
    third.finish();
    fourth.finish();
    expect((await third.answer).status).toBe(201);
    expect((await fourth.answer).status).toBe(201);

    expect(await send(801, 803, 'admitted')).toMatchObject({ status: 201, body: { content: 'admitted' } });
    // Nothing shed was stored: user 803's only conversation holds the admitted message alone.
    const list = await get('/api/conversations/user/803');
    expect(list).toMatchObject({ status: 200, body: { total: 1 } });
    const conversationId = (list.body as { data: { id: string }[] }).data[0].id;
    const history = await get(`/api/messages/conversation/${conversationId}`);
    expect((history.body as { data: { content: string }[] }).data.map((m) => m.content)).toEqual([
      'admitted',
    ]);
  });
});
