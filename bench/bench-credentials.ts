import { randomBytes } from 'node:crypto';

/**
 * The bench calls the service as a trusted backend would: with an API key, made fresh for each run and
 * handed to the service it starts. Identity's own cost is measured apart (bench/auth-overhead.ts).
 */
export const BENCH_API_KEY = `bench-${randomBytes(16).toString('hex')}`;
export const BENCH_HEADERS: Readonly<Record<string, string>> = { 'x-api-key': BENCH_API_KEY };

/** Settings of every service the bench starts: the key, a fixed secret, and limits far above any load. */
export const BENCH_SERVICE_ENV: Readonly<Record<string, string>> = {
  API_KEYS: `bench:${BENCH_API_KEY}`,
  JWT_SECRET: randomBytes(32).toString('base64url'),
  ACCESS_TOKEN_TTL_SECONDS: '86400',
  AUTH_RATE_LIMIT_PER_ADDRESS: '100000000',
  AUTH_RATE_LIMIT_PER_USERNAME: '100000000',
  SEND_RATE_LIMIT_PER_USER: '100000000',
  UPLOAD_RATE_LIMIT_PER_USER: '100000000',
};
