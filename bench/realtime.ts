/**
 * Real-time delivery at 1,000 sockets (npm run bench:realtime). Two instances of the built service share one
 * Redis and the local Cassandra node; 1,000 users, each with one socket, alternate between them, in 50
 * groups of 20. After 20 sends of warm-up, 200 sends at a steady 20 a second (each through one of the
 * instances, in turn) are timed from the start of the POST to each member socket's message.created: delivery
 * p50 and p99 over every socket, and the sockets' cost in the services' resident memory. Then the same fan-out with no service, a bare
 * broadcast to 1,000 clients, with socket.io and with plain ws, to compare the libraries.
 * Writes bench/results/realtime.md.
 */
import { ChildProcess, fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { io, Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { startCluster } from '../scripts/cassandra/cluster';
import { REDIS_PORT, startRedis, stopRedis } from '../scripts/redis/local-redis';
import { buildService } from '../scripts/seed/service-build';
import { forEachLimited } from '../src/common/concurrency';
import { BENCH_HEADERS } from './bench-credentials';
import { LatencyRecorder, LatencySummary } from './latency';
import { ServiceProcess } from './service-process';

const KEYSPACE = 'messenger_bench_realtime';
const RESULTS = path.join(__dirname, 'results', 'realtime.md');
const USERS = 1_000;
const GROUP_SIZE = 20;
const WARMUP = 20;
const SENDS = 200;
const SENDS_PER_SECOND = 20;
const BROADCASTS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function residentBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

async function call(base: string, method: string, route: string, body: object, token?: string) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : BENCH_HEADERS),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

const format = (summary: LatencySummary) => `${summary.p50.toFixed(1)} | ${summary.p99.toFixed(1)}`;

async function serviceFanOut(): Promise<string[]> {
  const startedRedis = await startRedis((line) => process.stdout.write(`  ${line}\n`));
  const env = { REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}` };
  const first = await ServiceProcess.start(KEYSPACE, { env });
  const second = await ServiceProcess.start(KEYSPACE, { env });
  const services = [first, second];
  const sockets: Socket[] = [];
  try {
    const tokens = new Map<number, string>();
    const ids = Array.from({ length: USERS }, (_, i) => i + 1);
    await forEachLimited(ids, 16, async (id) => {
      await call(first.baseUrl, 'PUT', `/api/users/${id}`, { username: `rt${id}` });
      tokens.set(
        id,
        (await call(first.baseUrl, 'POST', `/api/users/${id}/tokens`, {})).access_token as string,
      );
    });
    const groups: { id: string; members: number[] }[] = [];
    for (let owner = 1; owner <= USERS; owner += GROUP_SIZE) {
      const members = Array.from({ length: GROUP_SIZE }, (_, i) => owner + i);
      const group = await call(
        first.baseUrl,
        'POST',
        '/api/conversations',
        { title: `group ${owner}`, member_ids: members.slice(1) },
        tokens.get(owner),
      );
      groups.push({ id: group.id as string, members });
    }
    await sleep(1_000);
    const before = services.map((service) => residentBytes(service.pid));
    const sentAt = new Map<string, number>();
    const delivery = new LatencyRecorder();
    let measuring = false;
    await forEachLimited(ids, 32, async (id) => {
      const socket = io(services[id % 2].baseUrl, {
        transports: ['websocket'],
        auth: { token: tokens.get(id) },
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      socket.on('message.created', (event: { message: { content: string } }) => {
        const at = sentAt.get(event.message.content);
        if (measuring && at !== undefined) delivery.record(performance.now() - at);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
    });
    await sleep(2_000);
    const after = services.map((service) => residentBytes(service.pid));
    const perSocket = (after[0] + after[1] - before[0] - before[1]) / USERS;

    const sends = new LatencyRecorder();
    const sendOne = async (k: number) => {
      const group = groups[k % groups.length];
      const content = `tag ${Math.random().toString(36).slice(2)} ${k}`;
      const started = performance.now();
      sentAt.set(content, started);
      await call(
        services[k % 2].baseUrl,
        'POST',
        `/api/conversations/${group.id}/messages`,
        { content },
        tokens.get(group.members[k % GROUP_SIZE]),
      );
      if (measuring) sends.record(performance.now() - started);
    };
    // A steady rate: each send starts on its schedule, whether or not the ones before it have finished.
    const run = async (count: number) => {
      const pending: Promise<void>[] = [];
      const started = performance.now();
      for (let k = 0; k < count; k += 1) {
        const wait = started + (k * 1000) / SENDS_PER_SECOND - performance.now();
        if (wait > 0) await sleep(wait);
        pending.push(sendOne(k));
      }
      await Promise.all(pending);
      await sleep(1_000);
    };
    await run(WARMUP);
    measuring = true;
    await run(SENDS);
    const expected = SENDS * GROUP_SIZE;
    return [
      '| Service, 1,000 sockets over two instances and Redis | count | p50 ms | p99 ms |',
      '| --- | ---: | ---: | ---: |',
      `| send (POST, 201) | ${sends.count} | ${format(sends.summary())} |`,
      `| delivery to each member's socket, from the start of the POST | ${delivery.count} of ${expected} | ${format(delivery.summary())} |`,
      '',
      `Resident memory of both instances: ${((before[0] + before[1]) / 2 ** 20).toFixed(0)} MiB before the ` +
        `sockets connected, ${((after[0] + after[1]) / 2 ** 20).toFixed(0)} MiB after: about ` +
        `${(perSocket / 1024).toFixed(0)} KiB per socket.`,
    ];
  } finally {
    for (const socket of sockets) socket.disconnect();
    for (const service of services) await service.stop();
    if (startedRedis) await stopRedis(() => undefined);
  }
}

/** The bare broadcast of one library to 1,000 clients: delivery latency and the server's memory per client. */
async function libraryFanOut(library: 'ws' | 'socket.io'): Promise<string> {
  const server: ChildProcess = fork(path.join(__dirname, 'realtime', 'broadcast-server.ts'), [library], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = <T>(message: object) =>
    new Promise<T>((resolve) => {
      server.once('message', (answer) => resolve(answer as T));
      if (Object.keys(message).length > 0) server.send(message);
    });
  const { port } = await ask<{ port: number }>({});
  const closers: (() => void)[] = [];
  try {
    const sentAt = new Map<string, number>();
    const delivery = new LatencyRecorder();
    const received = (text: string) => {
      const at = sentAt.get(text);
      if (at !== undefined) delivery.record(performance.now() - at);
    };
    await sleep(500);
    const { rss: before } = await ask<{ rss: number }>({ memory: true });
    await forEachLimited(
      Array.from({ length: USERS }, (_, i) => i),
      32,
      async () => {
        if (library === 'ws') {
          const client = new WebSocket(`ws://127.0.0.1:${port}`);
          closers.push(() => client.close());
          client.on('message', (data: Buffer) => received(data.toString()));
          await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
        } else {
          const client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
          closers.push(() => client.disconnect());
          client.on('message', received);
          await new Promise<void>((resolve, reject) =>
            client.once('connect', () => resolve()).once('connect_error', reject),
          );
        }
      },
    );
    await sleep(1_000);
    const { rss: after } = await ask<{ rss: number }>({ memory: true });
    for (let i = 0; i < BROADCASTS; i += 1) {
      const text = JSON.stringify({
        v: 1,
        conversation_id: 'c',
        message: { id: `m${i}`, content: 'x'.repeat(200) },
      });
      sentAt.set(text, performance.now());
      server.send({ broadcast: text });
      await sleep(20);
    }
    await sleep(1_000);
    return (
      `| ${library} | ${delivery.count} of ${BROADCASTS * USERS} | ${format(delivery.summary())} | ` +
      `${((after - before) / USERS / 1024).toFixed(0)} |`
    );
  } finally {
    for (const close of closers) close();
    server.kill();
  }
}

async function main(): Promise<void> {
  await startCluster({ log: (line) => process.stdout.write(`  ${line}\n`) });
  buildService();
  const service = await serviceFanOut();
  process.stdout.write(`${service.join('\n')}\n`);
  const libraries = [await libraryFanOut('socket.io'), await libraryFanOut('ws')];
  process.stdout.write(`${libraries.join('\n')}\n`);
  const report = [
    '# Real-time delivery at 1,000 sockets',
    '',
    `Measured by \`npm run bench:realtime\` on ${new Date().toISOString().slice(0, 10)}, every process on this ` +
      `machine's 2 cores: ${USERS.toLocaleString('en-US')} users with one socket each, in groups of ${GROUP_SIZE}; ` +
      `${SENDS} sends at a steady ${SENDS_PER_SECOND} a second, after ${WARMUP} of warm-up.`,
    '',
    ...service,
    '',
    `A bare broadcast of a 300-byte event to ${USERS.toLocaleString('en-US')} clients, ${BROADCASTS} times, 20 ms ` +
      'apart, from a server process with no other work (the clients run in the bench process):',
    '',
    '| Library | deliveries | p50 ms | p99 ms | server memory per client, KiB |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...libraries,
    '',
  ].join('\n');
  writeFileSync(RESULTS, report);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
