/**
 * What unread counts cost a list page (npm run bench:unread): one user's first page of 20 conversations, read
 * while every conversation holds 5 unread messages and again once all are read, which reads no message. The
 * service's own code runs in this process (the built dist/) against the local node. The two states alternate
 * over several rounds (new messages make the page unread again), so drift of the machine weighs on both alike.
 * Reports latency percentiles and the requests one page makes to Cassandra. Writes bench/results/unread-lists.md.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startCluster } from '../scripts/cassandra/cluster';
import { runPool } from '../scripts/seed/pool';
import { buildService } from '../scripts/seed/service-build';
import { openServiceContext, SEED_CALLER, ServiceContext } from '../scripts/seed/service-context';
import { userCaller } from '../src/common/auth/caller';
import { countTraffic } from './driver-traffic';
import { LatencyRecorder } from './latency';

const KEYSPACE = 'messenger_bench_unread';
const RESULTS = path.join(__dirname, 'results', 'unread-lists.md');
const READER = 1;
const CONVERSATIONS = 20;
const UNREAD_PER_CONVERSATION = 5;
const ROUNDS = 4;
const READS_PER_ROUND = 150;
const WARMUP = 50;

const partners = Array.from({ length: CONVERSATIONS }, (_, i) => READER + 1 + i);

/** Every partner sends the reader a few messages; resolves to the newest message of each conversation. */
async function sendUnread(context: ServiceContext, round: number): Promise<Map<string, string>> {
  const newest = new Map<string, string>();
  for (let i = 0; i < UNREAD_PER_CONVERSATION; i += 1) {
    await runPool(partners.values(), 8, async (partner) => {
      const sent = await context.messages.send(SEED_CALLER, {
        senderId: partner,
        receiverId: READER,
        content: `round ${round} message ${i}`,
      });
      newest.set(sent.message.conversationId, sent.message.id);
    });
  }
  return newest;
}

async function readAll(context: ServiceContext, newest: Map<string, string>): Promise<void> {
  for (const [conversationId, messageId] of newest)
    await context.readState.markRead(userCaller(READER), conversationId, messageId);
}

const listPage = (context: ServiceContext) =>
  context.lists.listForUser(READER, userCaller(READER), { limit: CONVERSATIONS });

/** Reads the page `reads` times one after another, after checking what it shows. */
async function measure(context: ServiceContext, expected: number, latency: LatencyRecorder, reads: number) {
  const page = await listPage(context);
  const counts = page.data.map((item) => item.unreadCount);
  if (page.data.length !== CONVERSATIONS || counts.some((count) => count !== expected))
    throw new Error(`the page shows unread counts ${counts.join(', ')}, not ${expected} each`);
  for (let i = 0; i < reads; i += 1) {
    const started = performance.now();
    await listPage(context);
    latency.record(performance.now() - started);
  }
}

async function main(): Promise<void> {
  await startCluster({ log: (line) => process.stdout.write(`  ${line}\n`) });
  buildService();
  process.env.LOG_LEVEL = 'warn';
  const context = await openServiceContext(KEYSPACE);
  const unread = new LatencyRecorder();
  const read = new LatencyRecorder();
  let traffic = { unread: { requests: 0, statements: 0 }, read: { requests: 0, statements: 0 } };
  try {
    await runPool([READER, ...partners].values(), 8, async (id) => {
      await context.users.putIntegratorUser(id, { username: `reader${id}`, displayName: null });
    });
    let newest = await sendUnread(context, 0);
    await measure(context, UNREAD_PER_CONVERSATION, new LatencyRecorder(), WARMUP);
    traffic = { ...traffic, unread: await countTraffic(context.client, () => listPage(context)) };
    for (let round = 1; round <= ROUNDS; round += 1) {
      await measure(context, UNREAD_PER_CONVERSATION, unread, READS_PER_ROUND);
      await readAll(context, newest);
      await measure(context, 0, read, READS_PER_ROUND);
      if (round === 1)
        traffic = { ...traffic, read: await countTraffic(context.client, () => listPage(context)) };
      newest = await sendUnread(context, round);
    }
  } finally {
    await context.client.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`).catch(() => undefined);
    await context.close();
  }
  const [withCounts, without] = [unread.summary(), read.summary()];
  const row = (name: string, summary: typeof withCounts, requests: number) =>
    `| ${name} | ${summary.p50.toFixed(2)} | ${summary.p99.toFixed(2)} | ${requests} |`;
  const report = [
    '# Unread counts in a list page',
    '',
    `Measured by \`npm run bench:unread\` on ${new Date().toISOString().slice(0, 10)}: the service's code in ` +
      `process against the local node; a first page of ${CONVERSATIONS} conversations read ` +
      `${(ROUNDS * READS_PER_ROUND).toLocaleString('en-US')} times one after another in each state, the states ` +
      `alternating over ${ROUNDS} rounds, after ${WARMUP} reads of warm-up.`,
    '',
    '| page | p50 ms | p99 ms | requests to Cassandra |',
    '| --- | ---: | ---: | ---: |',
    row(
      `every conversation with ${UNREAD_PER_CONVERSATION} unread messages`,
      withCounts,
      traffic.unread.requests,
    ),
    row('every conversation read (nothing to count)', without, traffic.read.requests),
    '',
    `Ratio of the p50s, with counts / without: ${(withCounts.p50 / without.p50).toFixed(2)}.`,
    '',
  ].join('\n');
  writeFileSync(RESULTS, report);
  process.stdout.write(report);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
