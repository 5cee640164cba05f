import { execFile } from 'node:child_process';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..');

describe('npm run demo', () => {
  let t: TestApp;
  let base: string;

  const demo = async () =>
    (
      await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/demo/demo.ts'], {
        cwd: ROOT,
        env: { ...process.env, DEMO_URL: base },
      })
    ).stdout;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('makes three accounts whose printed passwords sign in, with a conversation and a group; once', async () => {
    const printed = await demo();
    const passwords = new Map(
      [...printed.matchAll(/^ {2}(demo_\w+) +(\S+)$/gm)].map(([, username, password]) => [
        username,
        password,
      ]),
    );
    expect([...passwords.keys()]).toEqual(['demo_ann', 'demo_ben', 'demo_cat']);
    const login = await t
      .anon()
      .post('/api/auth/login')
      .send({ username: 'demo_ben', password: passwords.get('demo_ben') })
      .expect(200);
    const list = await t
      .as(login.body.access_token as string)
      .get('/api/conversations')
      .expect(200);
    expect(
      (list.body.data as { kind: string; title: string | null; last_message_content: string }[]).map((c) => ({
        kind: c.kind,
        title: c.title,
        last: c.last_message_content,
      })),
    ).toEqual([
      { kind: 'group', title: 'Demo group', last: 'Friday works for me.' },
      {
        kind: 'direct',
        title: null,
        last: 'Hi Ann 👋 Messages arrive live: try writing from another window.',
      },
    ]);
    // A second run makes nothing and prints no password.
    const again = await demo();
    expect(again).toMatch(/exist already/);
    expect(again).not.toMatch(/demo_ann +\S+$/m);
  });
});
