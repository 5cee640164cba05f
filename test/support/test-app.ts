import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'cassandra-driver';
import { randomBytes } from 'node:crypto';
import request from 'supertest';

export interface TestApp {
  readonly app: INestApplication;
  readonly keyspace: string;
  readonly http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

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

export function freshKeyspace(): string {
  return `e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * The real AppModule on a fresh keyspace of the real Cassandra node, configured as main.ts does.
 * The environment is read when AppModule is first imported, hence the late import.
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const keyspace = env.CASSANDRA_KEYSPACE ?? freshKeyspace();
  Object.assign(process.env, { LOG_LEVEL: 'silent', CASSANDRA_KEYSPACE: keyspace }, env);
  const { AppModule } = await import('../../src/app.module');
  const { configureApp } = await import('../../src/app.setup');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureApp(app);
  await app.init();
  return {
    app,
    keyspace,
    http: () => request(app.getHttpServer()),
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
