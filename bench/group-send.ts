/**
 * What a send costs as the conversation grows (npm run bench:groups): a direct conversation, and groups of
 * 10, 100 and 1,000 members. The service's own code runs in this process (the built dist/, as the data
 * generator runs it) against the local node; each size gets 10 sends of warm-up, then 60 sends one after
 * another. Reports latency percentiles, the requests one send makes to Cassandra and the statements in them.
 * Writes bench/results/group-send.md.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { startCluster } from '../scripts/cassandra/cluster';
import { runPool } from '../scripts/seed/pool';
import { userCaller } from '../src/common/auth/caller';
import { buildService } from '../scripts/seed/service-build';
import { openServiceContext, SEED_CALLER, ServiceContext } from '../scripts/seed/service-context';
import { countTraffic } from './driver-traffic';
import { LatencyRecorder } from './latency';

const KEYSPACE = 'messenger_bench_groups';
const RESULTS = path.join(__dirname, 'results', 'group-send.md');
const SIZES = [2, 10, 100, 1000];
const WARMUP = 10;
const SENDS = 60;

async function sendOnce(context: ServiceContext, size: number, conversationId: string, index: number) {
  if (size === 2) {
    return context.messages.send(SEED_CALLER, { senderId: 1, receiverId: 2, content: `message ${index}` });
  }
  return context.messages.sendToConversation({ kind: 'user', userId: 1 }, conversationId, `message ${index}`);
}

async function main(): Promise<void> {
  await startCluster({ log: (line) => process.stdout.write(`  ${line}\n`) });
  buildService();
  process.env.LOG_LEVEL = 'warn';
  const context = await openServiceContext(KEYSPACE);
  const rows: string[] = [];
  try {
    await runPool(Array.from({ length: 1000 }, (_, i) => i + 1).values(), 32, async (id) => {
      await context.users.putIntegratorUser(id, { username: `user${id}`, displayName: null });
    });
    for (const size of SIZES) {
      const conversationId =
        size === 2
          ? (await sendOnce(context, 2, '', -1)).message.conversationId
          : (
              await context.groups.createGroup(
                userCaller(1),
                `group of ${size}`,
                Array.from({ length: size - 1 }, (_, i) => i + 2),
              )
            ).conversation.id;
      for (let i = 0; i < WARMUP; i += 1) await sendOnce(context, size, conversationId, i);
      const traffic = await countTraffic(context.client, () => sendOnce(context, size, conversationId, 0));
      const latency = new LatencyRecorder();
      for (let i = 0; i < SENDS; i += 1) {
        const started = performance.now();
        await sendOnce(context, size, conversationId, i);
        latency.record(performance.now() - started);
      }
      const summary = latency.summary();
      const row =
        `| ${size === 2 ? '2 (direct)' : size.toLocaleString('en-US')} | ${summary.p50.toFixed(1)} | ` +
        `${summary.p99.toFixed(1)} | ${traffic.requests} | ${traffic.statements} |`;
      rows.push(row);
      process.stdout.write(`${row}\n`);
    }
  } finally {
    await context.client.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`).catch(() => undefined);
    await context.close();
  }
  const report = [
    '# A send as the conversation grows',
    '',
    `Measured by \`npm run bench:groups\` on ${new Date().toISOString().slice(0, 10)}: the service's code in ` +
      `process against the local node, ${SENDS} sends one after another per size after ${WARMUP} of warm-up.`,
    '',
    '| members | p50 ms | p99 ms | requests to Cassandra | statements |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(RESULTS, report);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
