import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import * as path from 'node:path';
import { cassandraAddress, freshKeyspace, rawClient } from './support/test-app';

const MAIN = path.join(__dirname, '..', 'dist', 'main.js');
const API_KEY = 'dist-boot-key-0123456789abcdef';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `node dist/main.js`, as users run the built service (npm run start:prod), in production mode. */
function startBuiltService(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const { host, port } = cassandraAddress();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      CASSANDRA_HOST: host,
      CASSANDRA_PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

describe('the built service (dist/main.js)', () => {
  const keyspace = freshKeyspace();
  let service: ReturnType<typeof startBuiltService>;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startBuiltService({
      PORT: String(port),
      HTTP_HOST: '127.0.0.1',
      CASSANDRA_KEYSPACE: keyspace,
      JWT_SECRET: 'dist-boot-secret-0123456789abcdef0123456789',
      API_KEYS: `ops:${API_KEY}`,
      LOG_LEVEL: 'info',
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const health = await fetch(`${base}/health`).catch(() => undefined);
      if (health?.status === 200) break;
      if (service.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the built service did not start:\n${service.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  afterAll(async () => {
    if (service.child.exitCode === null) {
      service.child.kill('SIGTERM');
      await once(service.child, 'exit');
    }
    const client = await rawClient();
    await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).finally(() => client.shutdown());
  });

  const post = (url: string, body: unknown, token?: string) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('serves the web client at /, with its assets, under a script policy of its own origin only', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).toContain('<div id="app"></div>');
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(html);
    expect(script).not.toBeNull();
    const asset = await fetch(`${base}${script![1]}`);
    expect({ status: asset.status, type: asset.headers.get('content-type') }).toEqual({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
    // Every other path stays the API's: an unknown one is the API's 404, not the page.
    const unknown = await fetch(`${base}/no-such-page`);
    expect(unknown.status).toBe(404);
  });

  it('registers two people, who write to each other and read their conversation', async () => {
    const ann = (await (
      await post('/api/auth/register', { username: 'ann', password: 'ann password 1' })
    ).json()) as {
      user: { id: number };
      access_token: string;
    };
    const ben = (await (
      await post('/api/auth/register', { username: 'ben', password: 'ben password 1' })
    ).json()) as {
      user: { id: number };
      access_token: string;
    };
    const sent = await post(
      '/api/messages',
      { receiver_id: ben.user.id, content: 'hello ben' },
      ann.access_token,
    );
    expect(sent.status).toBe(201);
    const { conversation_id } = (await sent.json()) as { conversation_id: string };
    const history = await fetch(`${base}/api/messages/conversation/${conversation_id}`, {
      headers: { Authorization: `Bearer ${ben.access_token}` },
    });
    expect(history.status).toBe(200);
    expect(((await history.json()) as { data: { content: string }[] }).data.map((m) => m.content)).toEqual([
      'hello ben',
    ]);
    const list = await fetch(`${base}/api/conversations`, {
      headers: { Authorization: `Bearer ${ben.access_token}` },
    });
    expect(((await list.json()) as { total: number }).total).toBe(1);
    const byKey = await fetch(`${base}/api/conversations/user/${ann.user.id}`, {
      headers: { 'X-Api-Key': API_KEY },
    });
    expect(byKey.status).toBe(200);
    expect((await fetch(`${base}/api/conversations`)).status).toBe(401);
  });

  it('logs every request but no credential: no token, no key, no password, not even from a query string', async () => {
    const password = 'carl password 1';
    const carl = (await (await post('/api/auth/register', { username: 'carl', password })).json()) as {
      access_token: string;
      refresh_token: string;
    };
    await fetch(`${base}/api/users/me`, { headers: { Authorization: `Bearer ${carl.access_token}` } });
    await fetch(`${base}/api/users/me?access_token=${carl.access_token}&api_key=${API_KEY}`);
    await fetch(`${base}/api/conversations/user/1`, { headers: { 'X-Api-Key': API_KEY } });
    await post('/api/auth/refresh', { refresh_token: carl.refresh_token });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = service.output();
    expect(log).toContain('/api/users/me');
    expect(log).toContain('[Redacted]');
    for (const secret of [carl.access_token, carl.refresh_token, API_KEY, password]) {
      expect(log.includes(secret)).toBe(false);
    }
  });

  it('refuses to boot in production without a JWT secret, naming it', async () => {
    const refused = startBuiltService({ CASSANDRA_KEYSPACE: keyspace, PORT: String(await freePort()) });
    const [code] = (await once(refused.child, 'exit')) as [number];
    expect(code).not.toBe(0);
    expect(refused.output()).toContain('JWT_SECRET must be set when NODE_ENV=production');
  });
});
