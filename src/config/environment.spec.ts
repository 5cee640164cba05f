import { EXAMPLE_JWT_SECRET, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the documented defaults', () => {
    const config = validateEnvironment({});
    expect(config.http).toEqual({
      port: 8000,
      host: '0.0.0.0',
      logLevel: 'info',
      logFormat: 'auto',
      trustProxyHops: 0,
      requestDeadlineMs: 10_000,
      maxInFlightRequests: 256,
    });
    expect(config.cassandra).toMatchObject({
      contactPoints: ['127.0.0.1'],
      port: 9042,
      keyspace: 'messenger',
      localDataCenter: 'datacenter1',
      consistency: 'LOCAL_QUORUM',
      replication: { class: 'SimpleStrategy', replicationFactor: 1 },
      credentials: undefined,
    });
  });

  it('reads comma-separated contact points and typed numbers', () => {
    const config = validateEnvironment({
      CASSANDRA_HOST: '10.0.0.1, 10.0.0.2',
      CASSANDRA_PORT: '9142',
      PORT: '3000',
    });
    expect(config.cassandra.contactPoints).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(config.cassandra.port).toBe(9142);
    expect(config.http.port).toBe(3000);
  });

  it.each([
    ['PORT', 'abc', 'PORT'],
    ['CASSANDRA_PORT', '70000', 'CASSANDRA_PORT'],
    ['CASSANDRA_KEYSPACE', 'Bad-Name', 'CASSANDRA_KEYSPACE'],
    ['CASSANDRA_CONSISTENCY', 'SOMETIMES', 'CASSANDRA_CONSISTENCY'],
    ['CASSANDRA_REPLICATION', 'SimpleStrategy:0', 'CASSANDRA_REPLICATION'],
    ['CASSANDRA_HOST', 'a,,b', 'CASSANDRA_HOST'],
  ])('rejects %s=%s with a message naming it', (name, value, named) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(named);
  });
});

describe('validateEnvironment: identity settings', () => {
  it('defaults to 15-minute access tokens, 30-day refresh tokens, no API keys, no CORS, docs on', () => {
    const config = validateEnvironment({});
    expect(config.auth).toMatchObject({
      jwtSecretGenerated: true,
      jwtIssuer: 'messenger',
      jwtAudience: 'messenger-api',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2_592_000,
      clockToleranceSeconds: 30,
      apiKeys: [],
    });
    expect(config.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(validateEnvironment({}).auth.jwtSecret).not.toBe(config.auth.jwtSecret);
    expect(config.security).toEqual({
      corsOrigins: [],
      docsEnabled: true,
      authRateLimitPerAddress: 30,
      authRateLimitPerUsername: 10,
      sendRateLimitPerUser: 600,
      uploadRateLimitPerUser: 30,
    });
  });

  it('refuses a LOG_FORMAT it does not know, by name', () => {
    expect(() => validateEnvironment({ LOG_FORMAT: 'xml' })).toThrow(
      'LOG_FORMAT must be one of auto, json, pretty',
    );
  });

  it('defaults attachments to 25 MiB, a day unsent and 10-minute uploads, and bounds them', () => {
    expect(validateEnvironment({}).attachments).toEqual({
      maxBytes: 26_214_400,
      unsentTtlSeconds: 86_400,
      uploadTimeoutMs: 600_000,
      sweepIntervalMs: 60_000,
    });
    expect(() => validateEnvironment({ ATTACHMENT_MAX_BYTES: '0' })).toThrow(
      'ATTACHMENT_MAX_BYTES must be at least 1',
    );
    expect(() => validateEnvironment({ ATTACHMENT_UNSENT_TTL_SECONDS: '1.5' })).toThrow(
      'ATTACHMENT_UNSENT_TTL_SECONDS must be a whole number',
    );
    expect(() => validateEnvironment({ ATTACHMENT_UPLOAD_TIMEOUT_MS: '10' })).toThrow(
      'ATTACHMENT_UPLOAD_TIMEOUT_MS must be at least 1000',
    );
  });

  it('reads keys, origins and the docs switch', () => {
    const config = validateEnvironment({
      JWT_SECRET: 'x'.repeat(32),
      API_KEYS: 'crm:0123456789abcdef01234567',
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
      DOCS_ENABLED: 'false',
    });
    expect(config.auth.jwtSecret).toBe('x'.repeat(32));
    expect(config.auth.jwtSecretGenerated).toBe(false);
    expect(config.auth.apiKeys.map((key) => key.name)).toEqual(['crm']);
    expect(config.security.corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(config.security.docsEnabled).toBe(false);
  });

  it.each([
    [{ NODE_ENV: 'production' }, 'JWT_SECRET must be set when NODE_ENV=production'],
    [{ NODE_ENV: 'production', JWT_SECRET: EXAMPLE_JWT_SECRET }, 'JWT_SECRET must not be the example value'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ API_KEYS: 'crm:short' }, 'API_KEYS: the secret of key "crm" must be at least 24 characters'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS: "*" must be an origin'],
    [{ DOCS_ENABLED: 'yes' }, 'DOCS_ENABLED must be true or false'],
    [{ ACCESS_TOKEN_TTL_SECONDS: '5' }, 'ACCESS_TOKEN_TTL_SECONDS'],
  ])('refuses %p', (env, message) => {
    expect(() => validateEnvironment(env)).toThrow(message);
  });

  it('boots in production with a real secret', () => {
    expect(validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'y'.repeat(40) }).auth.jwtSecret).toBe(
      'y'.repeat(40),
    );
  });
});

describe('validateEnvironment: message buckets', () => {
  it('closes buckets after 50,000 messages unless told otherwise', () => {
    expect(validateEnvironment({}).messages).toEqual({ bucketMaxMessages: 50_000 });
    expect(validateEnvironment({ MESSAGE_BUCKET_MAX_MESSAGES: '2000' }).messages.bucketMaxMessages).toBe(
      2000,
    );
  });

  it.each([
    ['9', 'MESSAGE_BUCKET_MAX_MESSAGES must be at least 10'],
    ['2000000', 'MESSAGE_BUCKET_MAX_MESSAGES must be at most 1000000'],
    ['1.5', 'MESSAGE_BUCKET_MAX_MESSAGES must be a whole number'],
  ])('refuses %p', (value, message) => {
    expect(() => validateEnvironment({ MESSAGE_BUCKET_MAX_MESSAGES: value })).toThrow(message);
  });
});
