/**
 * Message search on seeded data (npm run bench:search -- [--keyspace searchbench] [--requests 300]): the built
 * service (node dist/main.js) against a keyspace filled by `npm run seed`, one request at a time, so the
 * figures are latencies, not throughput. Three kinds of search: a word of a recent message of a random
 * conversation (found on the first page), the same in the longest conversation (the most buckets), and a
 * search across a user's conversations; then the search index's size on disk against its table's, from
 * Cassandra's own virtual tables. Writes bench/results/search.md.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client, types } from 'cassandra-driver';
import { searchTerms } from '../src/messages/search-terms';
import { BENCH_HEADERS } from './bench-credentials';
import { LatencyRecorder, LatencySummary } from './latency';
import { ServiceProcess } from './service-process';

const RESULTS = path.join(__dirname, 'results', 'search.md');
const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
};
const KEYSPACE = argument('keyspace', 'searchbench');
const REQUESTS = Number(argument('requests', '300'));
const WARMUP = 30;

interface Conversation {
  readonly id: string;
  readonly members: number[];
}

/** A deterministic pick, so two runs ask the same questions. */
let state = 42;
const pick = <T>(items: readonly T[]): T => {
  state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
  return items[state % items.length];
};

async function main(): Promise<void> {
  const db = new Client({
    contactPoints: [`${process.env.CASSANDRA_HOST ?? '127.0.0.1'}:${process.env.CASSANDRA_PORT ?? '9042'}`],
    localDataCenter: 'datacenter1',
    keyspace: KEYSPACE,
  });
  await db.connect();
  const messages = Number((await db.execute('SELECT count(*) FROM seed_marker')).first()?.get(0) ?? 0);
  if (messages === 0) throw new Error(`keyspace ${KEYSPACE} holds no seeded data: run npm run seed first`);
  // A sample of conversations (a token-range read: the bench's own, the service never lists them).
  const sample: Conversation[] = (
    await db.execute('SELECT conversation_id, user1_id, user2_id FROM conversations LIMIT 2000')
  ).rows.map((row) => ({
    id: (row.get('conversation_id') as types.Uuid).toString(),
    members: [row.get('user1_id') as types.Long, row.get('user2_id') as types.Long].map((id) =>
      id.toNumber(),
    ),
  }));
  const service = await ServiceProcess.start(KEYSPACE);
  const get = async (url: string, headers: Record<string, string> = BENCH_HEADERS) => {
    const response = await fetch(`${service.baseUrl}${url}`, { headers });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { data: { content: string | null; conversation_id: string }[] };
  };
  const tokens = new Map<number, string>();
  const bearer = async (userId: number) => {
    let token = tokens.get(userId);
    if (!token) {
      const response = await fetch(`${service.baseUrl}/api/users/${userId}/tokens`, {
        method: 'POST',
        headers: BENCH_HEADERS,
      });
      token = ((await response.json()) as { access_token: string }).access_token;
      tokens.set(userId, token);
    }
    return { authorization: `Bearer ${token}` };
  };
  /** A word of one of the conversation's 20 newest messages. */
  const wordOf = async (conversationId: string, depth = 20) => {
    const page = await get(`/api/messages/conversation/${conversationId}?limit=${depth}`);
    const terms = page.data.flatMap((message) => searchTerms(message.content ?? ''));
    return terms.length > 0 ? pick(terms) : 'hello';
  };
  const measure = async (label: string, request: () => Promise<number>) => {
    const latencies = new LatencyRecorder();
    let hits = 0;
    for (let n = 0; n < WARMUP + REQUESTS; n += 1) {
      const started = performance.now();
      const found = await request();
      if (n >= WARMUP) {
        latencies.record(performance.now() - started);
        hits += found;
      }
    }
    return { label, latency: latencies.summary(), hitsPerPage: hits / REQUESTS };
  };
  try {
    const counts = (
      await db.execute('SELECT conversation_id, message_count FROM conversation_message_counts', [], {
        fetchSize: 100_000,
      })
    ).rows.map((row) => ({
      id: (row.get('conversation_id') as types.Uuid).toString(),
      count: (row.get('message_count') as types.Long).toNumber(),
    }));
    const deepest = counts.sort((a, b) => b.count - a.count)[0];
    const questions = await Promise.all(
      sample.slice(0, 200).map(async (c) => ({ c, q: await wordOf(c.id) })),
    );
    const deepWords = await Promise.all(Array.from({ length: 20 }, () => wordOf(deepest.id, 100)));
    const results = [
      await measure('conversation search, a word of a recent message', async () => {
        const { c, q } = pick(questions);
        return (await get(`/api/conversations/${c.id}/messages/search?q=${encodeURIComponent(q)}`)).data
          .length;
      }),
      await measure(`conversation search, the longest conversation (${deepest.count} messages)`, async () => {
        const q = pick(deepWords);
        return (await get(`/api/conversations/${deepest.id}/messages/search?q=${encodeURIComponent(q)}`)).data
          .length;
      }),
      await measure(
        'conversation search, a word found nowhere (every bucket of a page’s budget)',
        async () => {
          return (await get(`/api/conversations/${deepest.id}/messages/search?q=zqxjkvw`)).data.length;
        },
      ),
      await measure('search across a user’s conversations, a word of a recent message', async () => {
        const { c, q } = pick(questions);
        const headers = await bearer(c.members[0]);
        return (await get(`/api/messages/search?q=${encodeURIComponent(q)}`, headers)).data.length;
      }),
    ];
    const indexRows = (
      await db.execute(
        'SELECT per_table_disk_size, per_column_disk_size FROM system_views.sai_sstable_indexes WHERE keyspace_name = ? AND table_name = ? AND index_name = ? ALLOW FILTERING',
        [KEYSPACE, 'messages_by_conversation', 'messages_search_terms'],
        { prepare: true },
      )
    ).rows;
    const indexBytes = indexRows.reduce(
      (sum, row) => sum + Number(row.get('per_table_disk_size')) + Number(row.get('per_column_disk_size')),
      0,
    );
    const tableMiB = Number(
      (
        await db.execute(
          "SELECT mebibytes FROM system_views.disk_usage WHERE keyspace_name = ? AND table_name = 'messages_by_conversation' ALLOW FILTERING",
          [KEYSPACE],
          { prepare: true },
        )
      )
        .first()
        ?.get('mebibytes') ?? 0,
    );
    const report = render(results, { indexBytes, sstables: indexRows.length, tableMiB });
    writeFileSync(RESULTS, report);
    process.stdout.write(report);
  } finally {
    await service.stop();
    await db.shutdown();
  }
}

function render(
  results: { label: string; latency: LatencySummary; hitsPerPage: number }[],
  disk: { indexBytes: number; sstables: number; tableMiB: number },
): string {
  const ms = (value: number) => value.toFixed(1);
  const rows = results.map(
    ({ label, latency, hitsPerPage }) =>
      `| ${label} | ${ms(latency.p50)} | ${ms(latency.p99)} | ${ms(latency.max)} | ${hitsPerPage.toFixed(1)} |`,
  );
  const indexMiB = disk.indexBytes / 2 ** 20;
  const tableMiB = disk.tableMiB - indexMiB;
  return [
    `# Message search on keyspace ${KEYSPACE}`,
    '',
    `${REQUESTS} requests per row, one at a time, after ${WARMUP} to warm up; limit 20 (the default).`,
    '',
    '| search | p50 ms | p99 ms | max ms | hits per page |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `Search index on disk: ${indexMiB.toFixed(1)} MiB in ${disk.sstables} SSTables; messages_by_conversation ` +
      `without it: ${tableMiB.toFixed(1)} MiB (Cassandra's system_views.sai_sstable_indexes, and ` +
      `system_views.disk_usage, which counts the index's files too, minus the index; data still in memtables is ` +
      `in neither). Index / table: ${(indexMiB / Math.max(1, tableMiB)).toFixed(2)}.`,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
