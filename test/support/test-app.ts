import { INestApplication } from '@nestjs/common';
import { Client } from 'cassandra-driver';
import { randomBytes } from 'node:crypto';
import request from 'supertest';

/** The trusted backend's key of every test app. */
export const TEST_API_KEY = 'e2e-integrator-key-0123456789abcdef';
export const TEST_JWT_SECRET = 'e2e-jwt-secret-0123456789abcdef0123456789';

/** Set on every test app, so no file inherits another's settings; a test's own env wins. */
const TEST_ENV: Record<string, string> = {
  LOG_LEVEL: 'silent',
  API_KEYS: `e2e:${TEST_API_KEY}`,
  JWT_SECRET: TEST_JWT_SECRET,
  AUTH_RATE_LIMIT_PER_ADDRESS: '100000',
  AUTH_RATE_LIMIT_PER_USERNAME: '100000',
  SEND_RATE_LIMIT_PER_USER: '100000',
  // No background sweeps: tests count the statements their requests make. The sweep has its own test.
  ATTACHMENT_SWEEP_INTERVAL_MS: '0',
  DOCS_ENABLED: 'true',
  CORS_ORIGINS: '',
};

export interface Session {
  readonly user: { id: number; username: string; display_name: string | null; created_at: string };
  readonly access_token: string;
  readonly refresh_token: string;
}

export interface TestApp {
  readonly app: INestApplication;
  readonly keyspace: string;
  /** Requests as the trusted backend (X-Api-Key), which acts for the users a request names. */
  readonly http: () => TestAgent;
  /** Requests without credentials. */
  readonly anon: () => ReturnType<typeof request>;
  /** Requests with a user's bearer token. */
  readonly as: (accessToken: string) => TestAgent;
  /** Makes users with these ids (PUT /api/users/{id}), named user<id>. */
  users(...ids: number[]): Promise<void>;
  /** Registers an account and returns its session. */
  register(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

type TestAgent = ReturnType<typeof request.agent>;

export function cassandraAddress(): { host: string; port: number } {
  return {
    host: (process.env.CASSANDRA_HOST ?? '127.0.0.1').split(',')[0].trim(),
    port: Number(process.env.CASSANDRA_PORT ?? 9042),
  };
}

/** A client for checks a test makes straight against the database (and for dropping its keyspace). */
export async function rawClient(keyspace?: string): Promise<Client> {
  const { host, port } = cassandraAddress();
  const client = new Client({ contactPoints: [`${host}:${port}`], localDataCenter: 'datacenter1', keyspace });
  await client.connect();
  return client;
}

/**
 * A clock a test sets by hand, to send messages at chosen times through the real send path; unset, it
 * tells the real time.
 */
export class SettableClock {
  private instant?: Date;

  set(at: Date | undefined): void {
    this.instant = at;
  }

  now(): Date {
    return this.instant ? new Date(this.instant.getTime()) : new Date();
  }
}

/** The integers from `first` to `last`, both included. */
export const range = (first: number, last: number): number[] =>
  Array.from({ length: last - first + 1 }, (_, i) => first + i);

export function freshKeyspace(): string {
  return `e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

let appsCreated = 0;

/**
 * The real AppModule on a fresh keyspace of the real Cassandra node, configured as main.ts does.
 * The environment is read when AppModule is first imported, hence the late import.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { clock?: { now(): Date } } = {},
): Promise<TestApp> {
  const keyspace = env.CASSANDRA_KEYSPACE ?? freshKeyspace();
  Object.assign(process.env, TEST_ENV, { CASSANDRA_KEYSPACE: keyspace }, env);
  // AppModule reads the environment once, when it is imported: a second app in one test file needs a
  // fresh copy of the modules, or it would run on the first one's keyspace and settings.
  if (appsCreated > 0) jest.resetModules();
  appsCreated += 1;
  const { Test } = await import('@nestjs/testing');
  const { AppModule } = await import('../../src/app.module');
  const { configureApp } = await import('../../src/app.setup');
  const { Clock } = await import('../../src/common/time/clock');
  const builder = Test.createTestingModule({ imports: [AppModule] });
  // A test that writes history at chosen times swaps the clock, the one seam made for that.
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  const http = () => request.agent(server).set('X-Api-Key', TEST_API_KEY);
  return {
    app,
    keyspace,
    http,
    anon: () => request(server),
    as: (accessToken) => request.agent(server).set('Authorization', `Bearer ${accessToken}`),
    async users(...ids) {
      await Promise.all(
        ids.map(async (id) => {
          const res = await http()
            .put(`/api/users/${id}`)
            .send({ username: `user${id}` });
          if (res.status !== 201 && res.status !== 200) throw new Error(`PUT user ${id}: ${res.status}`);
        }),
      );
    },
    async register(username, password = 'correct horse battery staple') {
      const res = await request(server).post('/api/auth/register').send({ username, password });
      if (res.status !== 201)
        throw new Error(`register ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Session;
    },
    async close() {
      await app.close();
      const client = await rawClient();
      try {
        await client.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
      } finally {
        await client.shutdown();
      }
    },
  };
}
