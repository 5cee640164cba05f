/**
 * Proves the service keeps accepting sends while a node of the ring dies: the built service (dist/main.js, as
 * users run it) on the local three-node ring with replication factor 3 at LOCAL_QUORUM, 16 loops each sending
 * into its own conversation with a client_message_id, node 3 killed with SIGKILL a few seconds in. Every send
 * must be answered with 201 within the request deadline (a failure is retried with the same client_message_id
 * and reported, and fails the check), and every acknowledged message must be in its history exactly once.
 * Run against a ring started by `npm run db:start -- --nodes 3`, after `npm run build`: `npm run db:ring-send-check`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'cassandra-driver';
import { nodeCommand } from './cluster';
import { askCassandra } from './cql-probe';
import { DATA_CENTER, nodeLayout, readSettings } from './layout';

const LOOPS = 16;
const LOAD_MS = 20_000;
const KILL_AT_MS = 5_000;
const DEADLINE_MS = 10_000;
const HTTP_PORT = 8099;
// A keyspace of its own each run: re-creating dropped tables under the same names races on a ring.
const KEYSPACE = `ring_sends_${Date.now().toString(36)}`;
const base = `http://127.0.0.1:${HTTP_PORT}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a send that got no HTTP answer at all (a refused or reset connection) counts as. */
const unanswered: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };

interface Outcome {
  readonly status: number;
  readonly ms: number;
  readonly atMs: number;
}

async function call(key: string, method: string, path: string, body?: object) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': key },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(DEADLINE_MS + 5_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function startService(key: string, contactPoints: string): ChildProcess {
  const service = spawn(process.execPath, ['dist/main.js'], {
    env: {
      ...process.env,
      PORT: String(HTTP_PORT),
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CASSANDRA_HOST: contactPoints,
      CASSANDRA_KEYSPACE: KEYSPACE,
      CASSANDRA_REPLICATION: 'SimpleStrategy:3',
      CASSANDRA_CONSISTENCY: 'LOCAL_QUORUM',
      REQUEST_DEADLINE_MS: String(DEADLINE_MS),
      API_KEYS: `ring:${key}`,
      SEND_RATE_LIMIT_PER_USER: '1000000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return service;
}

async function waitReady(service: ChildProcess): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (service.exitCode !== null || service.signalCode !== null)
      throw new Error(`the service exited (${service.exitCode ?? service.signalCode})`);
    const ready = await fetch(`${base}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    if (Date.now() - started > 120_000) throw new Error('the service was not ready within 120 s');
    await sleep(500);
  }
}

/** The whole history of a conversation by cursor: its message ids, newest first. */
async function historyIds(key: string, conversationId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor = '';
  do {
    const page = await call(
      key,
      'GET',
      `/api/messages/conversation/${conversationId}?limit=100&cursor=${cursor}`,
    );
    if (page.status !== 200) throw new Error(`history read answered ${page.status}`);
    ids.push(...(page.body.data as { id: string }[]).map((message) => message.id));
    cursor = (page.body.next_cursor as string | null) ?? '';
  } while (cursor !== '');
  return ids;
}

async function rejoined(address: string, port: number): Promise<void> {
  for (const started = Date.now(); ; await sleep(500)) {
    const answer = await askCassandra(address, port);
    if (answer && answer.peers.length === 2) return;
    if (Date.now() - started > 120_000) throw new Error('node3 did not rejoin within 120 s');
  }
}

async function main(): Promise<void> {
  const port = readSettings(3).cqlPort;
  const nodes = [1, 2, 3].map((index) => nodeLayout(index));
  const key = randomBytes(24).toString('hex');
  const service = startService(key, nodes.map((node) => node.address).join(','));
  try {
    await waitReady(service);
    for (let user = 1; user <= 2 * LOOPS; user += 1) {
      const res = await call(key, 'PUT', `/api/users/${user}`, { username: `ring${user}` });
      if (res.status !== 201 && res.status !== 200) throw new Error(`PUT /api/users/${user}: ${res.status}`);
    }

    const outcomes: Outcome[] = [];
    const acknowledged = new Map<string, string[]>();
    const started = Date.now();
    let killedAt = 0;
    const killer = (async () => {
      await sleep(KILL_AT_MS);
      await nodeCommand('kill', 3);
      killedAt = Date.now() - started;
    })();
    await Promise.all(
      Array.from({ length: LOOPS }, async (_, loop) => {
        for (let index = 0; Date.now() - started < LOAD_MS; index += 1) {
          const body = {
            sender_id: 2 * loop + 1,
            receiver_id: 2 * loop + 2,
            content: `loop ${loop} message ${index}`,
            client_message_id: `ring-${loop}-${index}`,
          };
          // A send that fails is retried with its client_message_id until it is acknowledged.
          for (;;) {
            const sentAt = Date.now();
            const res = await call(key, 'POST', '/api/messages', body).catch(() => unanswered);
            outcomes.push({ status: res.status, ms: Date.now() - sentAt, atMs: sentAt - started });
            if (res.status === 201 || res.status === 200) {
              const conversation = res.body.conversation_id as string;
              acknowledged.set(conversation, [
                ...(acknowledged.get(conversation) ?? []),
                res.body.id as string,
              ]);
              break;
            }
            await sleep(200);
          }
        }
      }),
    );
    await killer;

    const failed = outcomes.filter((outcome) => outcome.status !== 201 && outcome.status !== 200);
    const slowest = Math.max(...outcomes.map((outcome) => outcome.ms));
    const afterKill = outcomes.filter((outcome) => outcome.atMs >= killedAt);
    console.log(
      `${outcomes.length} sends in ${LOAD_MS / 1000} s from ${LOOPS} loops; node3 killed (SIGKILL) at ` +
        `${(killedAt / 1000).toFixed(1)} s; ${afterKill.length} sends after the kill; ${failed.length} not ` +
        `acknowledged (${[...new Set(failed.map((outcome) => outcome.status))].join(', ') || 'none'}); slowest ${slowest} ms`,
    );
    let stored = 0;
    let wrong = 0;
    for (const [conversation, ids] of acknowledged) {
      const history = await historyIds(key, conversation);
      stored += history.length;
      const expected = [...ids].reverse();
      if (history.length !== expected.length || history.some((id, i) => id !== expected[i])) wrong += 1;
    }
    const sent = [...acknowledged.values()].reduce((sum, ids) => sum + ids.length, 0);
    console.log(
      `${sent} acknowledged messages, ${stored} stored; ${wrong} conversations whose history differs`,
    );
    // Every send must be acknowledged at its first attempt: no window of 503s while the dead node is not yet
    // marked down. (The loop still retries with the same client_message_id, so a failure is counted, not
    // compounded.) Nothing may be lost or stored twice.
    if (failed.length > 0)
      throw new Error(`${failed.length} sends were not acknowledged at the first attempt`);
    if (slowest > DEADLINE_MS)
      throw new Error(`a send took ${slowest} ms, past the ${DEADLINE_MS} ms deadline`);
    if (wrong > 0 || stored !== sent)
      throw new Error('history does not hold every acknowledged message once');
    console.log('sends through a SIGKILL of one node of three: every one acknowledged, each stored once: ok');
  } finally {
    // A service that already exited never emits 'exit' again, and a wait for it would end the run silently.
    if (service.exitCode === null && service.signalCode === null) {
      const exited = new Promise((resolve) => service.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    await nodeCommand('start', 3);
    await rejoined(nodes[2].address, port);
    const client = new Client({
      contactPoints: [`${nodes[0].address}:${port}`],
      localDataCenter: DATA_CENTER,
    });
    await client.connect();
    await client.execute(`DROP KEYSPACE IF EXISTS ${KEYSPACE}`);
    await client.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error('Ring send check failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
