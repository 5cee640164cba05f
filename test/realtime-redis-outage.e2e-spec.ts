import { ChildProcess, spawn } from 'node:child_process';
import { redisAnswers } from '../scripts/redis/local-redis';
import { EventSockets, listen, until } from './support/event-sockets';
import { createTestApp, freshKeyspace, Session, TestApp } from './support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Redis of this test's own, so killing it disturbs no other test. */
const PORT = 6390 + Math.floor(Math.random() * 100);

function startRedis(): ChildProcess {
  return spawn(
    'redis-server',
    ['--port', String(PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
}

async function answering(): Promise<void> {
  for (const started = Date.now(); !(await redisAnswers(PORT)); await sleep(50)) {
    if (Date.now() - started > 10_000) throw new Error(`redis-server did not answer on port ${PORT}`);
  }
}

interface Created {
  message: { id: string };
}

describe('sends and events while Redis is killed and comes back', () => {
  let redis: ChildProcess;
  let a: TestApp;
  let b: TestApp;
  const urls: string[] = [];
  const sockets = new EventSockets();

  beforeAll(async () => {
    redis = startRedis();
    await answering();
    const keyspace = freshKeyspace();
    for (const _ of [0, 1]) {
      const t = await createTestApp({ CASSANDRA_KEYSPACE: keyspace, REDIS_URL: `redis://127.0.0.1:${PORT}` });
      urls.push(await listen(t.app));
      if (a === undefined) a = t;
      else b = t;
    }
  });
  afterAll(async () => {
    sockets.closeAll();
    await b.close();
    await a.close();
    redis.kill('SIGKILL');
  });

  it('keeps acknowledging sends, tells the sending instance its own sockets, and the other catches up with sync', async () => {
    const sender: Session = await a.register('outagesender');
    const receiver: Session = await a.register('outagereceiver');
    const send = async (content: string) =>
      (
        await a
          .as(sender.access_token)
          .post('/api/messages')
          .send({ receiver_id: receiver.user.id, content })
          .expect(201)
      ).body as { id: string; conversation_id: string };
    const onA = await sockets.connect(urls[0], sender.access_token);
    const onB = await sockets.connect(urls[1], receiver.access_token);
    const before = await send('before the outage');
    await until(() => onB.of('message.created').length === 1);
    expect(onB.of('message.created')).toEqual([
      { v: 1, conversation_id: before.conversation_id, message: before },
    ]);

    const killed = new Promise((resolve) => redis.once('exit', resolve));
    redis.kill('SIGKILL');
    await killed;
    const missed = [];
    for (let i = 0; i < 5; i += 1) missed.push(await send(`during the outage ${i}`));
    // The sending instance still tells its own sockets.
    await until(() => onA.of('message.created').length === 6);
    expect((onA.of('message.created') as Created[]).map((event) => event.message.id)).toEqual(
      [before, ...missed].map((message) => message.id),
    );

    redis = startRedis();
    await answering();
    // Once the adapters are back, a new message crosses again.
    const probes = [];
    for (const started = Date.now(); onB.of('message.created').length < 2 && Date.now() - started < 15_000;) {
      probes.push(await send('after the outage'));
      await sleep(300);
    }
    const live = onB.of('message.created') as Created[];
    expect(live.length).toBeGreaterThanOrEqual(2);
    expect(probes.map((probe) => probe.id)).toContain(live[live.length - 1].message.id);

    const answer = (await onB.socket.emitWithAck('sync', {
      conversations: [{ conversation_id: before.conversation_id, after: before.id }],
    })) as object;
    expect(answer).toEqual({
      v: 1,
      conversations: [
        {
          conversation_id: before.conversation_id,
          status: 'ok',
          messages: [...missed, ...probes],
          has_more: false,
        },
      ],
    });
  }, 60_000);
});
