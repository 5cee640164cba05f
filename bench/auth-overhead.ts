/**
 * What identity costs, measured in one run on this machine (npm run bench:auth [-- --seconds N]):
 *
 * 1. An authenticated first-page history read (GET /api/messages/conversation/{id}, a member's bearer
 *    token) on the production build, against the same read on the same build with token verification
 *    taken out (bench/auth/unverified-service.ts). Both run the membership check and the same reads, so
 *    the ratio is the cost of verifying a JWT per request. Measured in alternating rounds, A B A B, so
 *    drift of the machine weighs on both alike.
 * 2. Sign-in latency (POST /api/auth/login, one at a time): the argon2id verification dominates it.
 *
 * Writes bench/results/auth-overhead.md.
 */
import { Client } from 'cassandra-driver';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startCluster } from '../scripts/cassandra/cluster';
import { buildService } from '../scripts/seed/service-build';
import { clientOptions } from '../src/cassandra/cassandra-client.factory';
import { validateEnvironment } from '../src/config/environment';
import { BENCH_HEADERS } from './bench-credentials';
import { HttpScenario, measureHttp } from './http-load';
import { LatencyRecorder, LatencySummary } from './latency';
import { ServiceProcess } from './service-process';

const KEYSPACE = 'messenger_bench_auth';
const RESULTS = path.join(__dirname, 'results', 'auth-overhead.md');
const CONNECTIONS = 32;
const ROUNDS = 3;
/** Load before anything is measured: a freshly started node and service run far slower for a while. */
const NODE_WARMUP_SECONDS = 15;
const LOGINS = 60;
const PASSWORD = 'bench password 1';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function call(base: string, method: string, url: string, body?: unknown, headers = BENCH_HEADERS) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Two users and one conversation of 60 messages, all on one day: the first page reads one bucket. */
async function seed(base: string): Promise<{ conversationId: string; memberId: number; token: string }> {
  const alice = (await call(
    base,
    'POST',
    '/api/auth/register',
    { username: 'alice', password: PASSWORD },
    {},
  )) as {
    user: { id: number };
    access_token: string;
  };
  const bob = (await call(
    base,
    'POST',
    '/api/auth/register',
    { username: 'bob', password: PASSWORD },
    {},
  )) as {
    user: { id: number };
  };
  let conversationId = '';
  for (let i = 0; i < 60; i += 1) {
    const sent = await call(base, 'POST', '/api/messages', {
      sender_id: i % 2 ? alice.user.id : bob.user.id,
      receiver_id: i % 2 ? bob.user.id : alice.user.id,
      content: `message ${i}`,
    });
    conversationId = sent.conversation_id as string;
  }
  return { conversationId, memberId: alice.user.id, token: alice.access_token };
}

/** Sign-in latencies, one at a time: right password, wrong password, unknown user (which must take as long). */
async function timeLogins(base: string): Promise<Record<LoginKind, LatencySummary>> {
  const attempts = {
    right: { username: 'alice', password: PASSWORD, status: 200 },
    wrong: { username: 'alice', password: 'not the password', status: 401 },
    unknown: { username: 'nobody', password: PASSWORD, status: 401 },
  };
  const recorders = {
    right: new LatencyRecorder(),
    wrong: new LatencyRecorder(),
    unknown: new LatencyRecorder(),
  };
  for (let i = 0; i < LOGINS; i += 1) {
    for (const kind of LOGIN_KINDS) {
      const { status, ...body } = attempts[kind];
      const started = performance.now();
      const response = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      recorders[kind].record(performance.now() - started);
      if (response.status !== status) throw new Error(`login (${kind}): ${response.status}, not ${status}`);
    }
  }
  return {
    right: recorders.right.summary(),
    wrong: recorders.wrong.summary(),
    unknown: recorders.unknown.summary(),
  };
}

const LOGIN_KINDS = ['right', 'wrong', 'unknown'] as const;
type LoginKind = (typeof LOGIN_KINDS)[number];

async function main(): Promise<void> {
  const secondsArg = process.argv.indexOf('--seconds');
  const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10;
  await startCluster({ log: (line) => log(`  ${line}`) });
  buildService();
  const config = validateEnvironment({ ...process.env, CASSANDRA_KEYSPACE: KEYSPACE }).cassandra;
  const admin = new Client(clientOptions(config));
  await admin.connect();
  await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
  const verified = await ServiceProcess.start(KEYSPACE);
  let unverified: ServiceProcess | undefined;
  try {
    const { conversationId, memberId, token } = await seed(verified.baseUrl);
    unverified = await ServiceProcess.start(KEYSPACE, {
      entry: ['--require', 'tsx/cjs', path.join(__dirname, 'auth', 'unverified-service.ts')],
      env: { BENCH_USER_ID: String(memberId) },
    });
    const read: HttpScenario = {
      id: 'history_head_bearer',
      title: 'History first page with a bearer token',
      request: {
        kind: 'history',
        method: 'GET',
        path: `/api/messages/conversation/${conversationId}?limit=20`,
        headers: { authorization: `Bearer ${token}` },
      },
    };
    const totals = {
      verified: { requests: 0, seconds: 0, latency: new LatencyRecorder() },
      unverified: { requests: 0, seconds: 0, latency: new LatencyRecorder() },
    };
    for (const service of [verified, unverified]) {
      await measureHttp(
        service.baseUrl,
        read,
        { connections: CONNECTIONS, warmupSeconds: 1 },
        NODE_WARMUP_SECONDS,
        {},
      );
    }
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [name, service] of [
        ['verified', verified],
        ['unverified', unverified],
      ] as const) {
        const measured = await measureHttp(
          service.baseUrl,
          read,
          { connections: CONNECTIONS, warmupSeconds: 5 },
          seconds,
          { service: service.pid },
        );
        if (measured.non2xx + measured.errors + measured.timeouts > 0) {
          throw new Error(
            `${name}: ${measured.non2xx} non-2xx, ${measured.errors} errors (${measured.firstFailure ?? ''})`,
          );
        }
        totals[name].requests += measured.all.count;
        totals[name].seconds += measured.seconds;
        totals[name].latency.absorb(measured.all);
        log(`round ${round} ${name}: ${(measured.all.count / measured.seconds).toFixed(0)} req/s`);
      }
    }
    const logins = await timeLogins(verified.baseUrl);
    const rps = (name: 'verified' | 'unverified') => totals[name].requests / totals[name].seconds;
    const latency = (name: 'verified' | 'unverified') => totals[name].latency.summary();
    const report = [
      '# What identity costs',
      '',
      `Measured by \`npm run bench:auth -- --seconds ${seconds}\` on ${new Date().toISOString().slice(0, 10)}: ${CONNECTIONS} connections, ` +
        `${ROUNDS} alternating rounds of ${seconds} s per build, each after 5 s of warm-up, all after ` +
        `${NODE_WARMUP_SECONDS} s of load on each build.`,
      '',
      '| History first page (GET, bearer token of a member) | req/s | p50 ms | p99 ms |',
      '| --- | ---: | ---: | ---: |',
      `| production build (token verified) | ${rps('verified').toFixed(0)} | ${latency('verified').p50.toFixed(2)} | ${latency('verified').p99.toFixed(2)} |`,
      `| same build, verification taken out | ${rps('unverified').toFixed(0)} | ${latency('unverified').p50.toFixed(2)} | ${latency('unverified').p99.toFixed(2)} |`,
      `| **ratio verified / unverified** | **${(rps('verified') / rps('unverified')).toFixed(2)}** | | |`,
      '',
      `| Sign-in (POST /api/auth/login, ${LOGINS} of each, one at a time; argon2id m=19 MiB t=2 p=1) | p50 ms | p99 ms |`,
      '| --- | ---: | ---: |',
      ...LOGIN_KINDS.map(
        (kind) =>
          `| ${{ right: 'right password (200)', wrong: 'wrong password (401)', unknown: 'unknown user (401)' }[kind]} | ` +
          `${logins[kind].p50.toFixed(1)} | ${logins[kind].p99.toFixed(1)} |`,
      ),
      '',
    ].join('\n');
    writeFileSync(RESULTS, report);
    log(`\n${report}`);
  } finally {
    await unverified?.stop();
    await verified.stop();
    await admin.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`).catch(() => undefined);
    await admin.shutdown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
