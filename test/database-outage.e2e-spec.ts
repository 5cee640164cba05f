import { cassandraAddress, createTestApp, TestApp } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('when the database goes away', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  const database = cassandraAddress();

  beforeAll(async () => {
    const { host, port } = database;
    proxy = new TcpProxy(host, port);
    await proxy.start();
    t = await createTestApp({
      CASSANDRA_HOST: '127.0.0.1',
      CASSANDRA_PORT: String(proxy.port),
      CASSANDRA_REQUEST_TIMEOUT_MS: '2000',
    });
    await t.users(1, 2);
  });
  afterAll(async () => {
    // Close the app while the relay is up, so its driver shuts down instead of reconnecting; the keyspace
    // is then dropped through the node's own port.
    process.env.CASSANDRA_PORT = String(database.port);
    await t.close();
    await proxy.stop();
  });

  it('answers 503 with Retry-After, quickly and without driver details, then recovers by itself', async () => {
    const body = { sender_id: 1, receiver_id: 2, content: 'before the outage' };
    const sent = await t.http().post('/api/messages').send(body).expect(201);

    await proxy.cut();
    const started = Date.now();
    const failed = await t
      .http()
      .post('/api/messages')
      .send({ ...body, content: 'during' });
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('5');
    expect(failed.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The database is unavailable; retry shortly.',
    });
    const read = await t.http().get(`/api/messages/conversation/${sent.body.conversation_id}`);
    expect(read.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
    await t.http().get('/health').expect(503);
    const notReady = await t.anon().get('/health/ready').expect(503);
    expect(notReady.headers['retry-after']).toBe('5');
    // Alive all the same: a restart would not bring the database back.
    expect((await t.anon().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });

    await proxy.start();
    let status = 0;
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline) {
      status = (await t.http().get(`/api/messages/conversation/${sent.body.conversation_id}`)).status;
      if (status === 200) break;
      await sleep(500);
    }
    expect(status).toBe(200);
    const after = await t
      .http()
      .post('/api/messages')
      .send({ ...body, content: 'after' })
      .expect(201);
    const page = await t.http().get(`/api/messages/conversation/${after.body.conversation_id}`).expect(200);
    expect(page.body.data.map((m: { content: string }) => m.content)).toEqual(['after', 'before the outage']);
  });
});
