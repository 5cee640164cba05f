/**
 * `npm run demo`: three demo accounts with fresh passwords (printed once, here), a direct conversation and a
 * group with some history, made through the public API of a running service (DEMO_URL, default
 * http://localhost:8000), so a newcomer can sign in as two people in two windows and watch messages arrive.
 */
import { randomBytes } from 'node:crypto';

const BASE = (process.env.DEMO_URL ?? 'http://localhost:8000').replace(/\/$/, '');
const PEOPLE = ['demo_ann', 'demo_ben', 'demo_cat'] as const;

interface Account {
  readonly username: string;
  readonly password: string;
  readonly id: number;
  readonly token: string;
}

async function call<T>(path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function register(username: string): Promise<Account | undefined> {
  const password = randomBytes(12).toString('base64url');
  const answer = await call<{ user: { id: number }; access_token: string; message?: string }>(
    '/api/auth/register',
    {
      username,
      password,
      display_name: username.replace('demo_', '').replace(/^./, (c) => c.toUpperCase()),
    },
  );
  if (answer.status === 409) return undefined;
  if (answer.status !== 201)
    throw new Error(`register ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { username, password, id: answer.body.user.id, token: answer.body.access_token };
}

async function main(): Promise<void> {
  const health = await fetch(`${BASE}/health`).catch(() => undefined);
  if (!health?.ok) throw new Error(`no service answers at ${BASE}: start it first (npm start)`);
  const accounts = await Promise.all(PEOPLE.map(register));
  if (accounts.some((account) => account === undefined)) {
    process.stdout.write(
      `The demo accounts (${PEOPLE.join(', ')}) exist already; their passwords were printed when they were made.\n` +
        'Use another keyspace (CASSANDRA_KEYSPACE) or `npm run db:reset` for a fresh demo.\n',
    );
    return;
  }
  const [ann, ben, cat] = accounts as Account[];
  const direct = async (from: Account, to: Account, content: string) => {
    const sent = await call<{ conversation_id: string }>(
      '/api/messages',
      { receiver_id: to.id, content },
      from.token,
    );
    if (sent.status !== 201) throw new Error(`send: ${sent.status}`);
    return sent.body.conversation_id;
  };
  await direct(ann, ben, 'Hi Ben! This is the demo.');
  await direct(ben, ann, 'Hi Ann 👋 Messages arrive live: try writing from another window.');
  const group = await call<{ id: string }>(
    '/api/conversations',
    { title: 'Demo group', member_ids: [ben.id, cat.id] },
    ann.token,
  );
  if (group.status !== 201) throw new Error(`group: ${group.status}`);
  for (const [from, content] of [
    [ann, 'Welcome to the demo group!'],
    [cat, 'Hello both. Lunch on Friday?'],
    [ben, 'Friday works for me.'],
  ] as const) {
    const sent = await call(`/api/conversations/${group.body.id}/messages`, { content }, from.token);
    if (sent.status !== 201) throw new Error(`group send: ${sent.status}`);
  }
  process.stdout.write(
    [
      `Demo ready at ${BASE}/ : sign in as two of these in two windows (one of them private), and write.`,
      'The passwords are shown this once:',
      ...accounts.map((account) => `  ${account!.username.padEnd(10)} ${account!.password}`),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
