import { createTestApp, TestApp } from './support/test-app';

describe('security headers, CORS off by default', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends helmet headers, no X-Powered-By, and no-store on every API answer, errors included', async () => {
    for (const res of [await t.http().get('/api/users/1'), await t.anon().get('/api/users/1')]) {
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      // Scripts only from the service itself; images also from blob: URLs (the web client's attachments).
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("img-src 'self' data: blob:");
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('hashes no ETag over JSON answers, which are never stored anyway', async () => {
    await t.users(1);
    const res = await t.http().get('/api/users/1').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });

  it('answers a cross-origin preflight without any CORS grant', async () => {
    const res = await t
      .anon()
      .options('/api/messages')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS allow-list and docs switched off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://chat.example.com', DOCS_ENABLED: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('grants CORS to a listed origin only, with the credential headers allowed', async () => {
    const granted = await t
      .anon()
      .options('/api/messages')
      .set('Origin', 'https://chat.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type')
      .expect(204);
    expect(granted.headers['access-control-allow-origin']).toBe('https://chat.example.com');
    expect(granted.headers['access-control-allow-headers']).toBe('Authorization,Content-Type,X-Api-Key');
    const refused = await t
      .anon()
      .options('/api/messages')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves no /docs nor /docs-json when DOCS_ENABLED=false', async () => {
    await t.anon().get('/docs').expect(404);
    await t.anon().get('/docs-json').expect(404);
  });
});
