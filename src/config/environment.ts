import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  validateSync,
} from 'class-validator';
import { randomBytes } from 'node:crypto';
import { parseApiKeys } from './api-keys';
import { parseReplication } from './replication';
import { DEFAULT_BUCKET_MAX_MESSAGES } from '../messages/message-bucket';
import { AppConfig, LogFormat } from './app-config';

/** The placeholder of .env.example; a production service refuses to run with it. */
export const EXAMPLE_JWT_SECRET = 'change-me-to-a-random-secret-of-at-least-32-characters';
const MIN_JWT_SECRET_LENGTH = 32;

const CONSISTENCY_LEVELS = [
  'ONE',
  'TWO',
  'THREE',
  'QUORUM',
  'ALL',
  'LOCAL_QUORUM',
  'EACH_QUORUM',
  'LOCAL_ONE',
];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const LOG_FORMATS: readonly LogFormat[] = ['auto', 'json', 'pretty'];

/** Every environment variable the service reads, with its default and its bounds. */
class EnvironmentVariables {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 8000;

  @IsString()
  HTTP_HOST = '0.0.0.0';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL = 'info';

  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT: LogFormat = 'auto';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY_HOPS = 0;

  @Type(() => Number)
  @IsInt({ message: 'REQUEST_DEADLINE_MS must be a whole number of milliseconds' })
  @Min(100, { message: 'REQUEST_DEADLINE_MS must be at least 100' })
  @Max(120_000, { message: 'REQUEST_DEADLINE_MS must be at most 120000' })
  REQUEST_DEADLINE_MS = 10_000;

  @Type(() => Number)
  @IsInt({ message: 'MAX_IN_FLIGHT_REQUESTS must be a whole number' })
  @Min(1, { message: 'MAX_IN_FLIGHT_REQUESTS must be at least 1' })
  @Max(100_000, { message: 'MAX_IN_FLIGHT_REQUESTS must be at most 100000' })
  MAX_IN_FLIGHT_REQUESTS = 256;

  @Matches(/^\s*[^\s,]+(\s*,\s*[^\s,]+)*\s*$/, {
    message: 'CASSANDRA_HOST must be a comma-separated list of hosts',
  })
  CASSANDRA_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  CASSANDRA_PORT = 9042;

  @Matches(/^[a-z][a-z0-9_]{0,47}$/, {
    message:
      'CASSANDRA_KEYSPACE must be lower-case letters, digits and underscores, starting with a letter (max 48)',
  })
  CASSANDRA_KEYSPACE = 'messenger';

  @IsString()
  CASSANDRA_LOCAL_DC = 'datacenter1';

  @IsIn(CONSISTENCY_LEVELS)
  CASSANDRA_CONSISTENCY = 'LOCAL_QUORUM';

  @IsIn(['SERIAL', 'LOCAL_SERIAL'])
  CASSANDRA_SERIAL_CONSISTENCY = 'LOCAL_SERIAL';

  @IsString()
  CASSANDRA_REPLICATION = 'SimpleStrategy:1';

  @IsOptional()
  @IsString()
  CASSANDRA_USERNAME?: string;

  @IsOptional()
  @IsString()
  CASSANDRA_PASSWORD?: string;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  CASSANDRA_REQUEST_TIMEOUT_MS = 5000;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @IsOptional()
  @MinLength(MIN_JWT_SECRET_LENGTH, {
    message: `JWT_SECRET must be at least ${MIN_JWT_SECRET_LENGTH} characters`,
  })
  JWT_SECRET?: string;

  @IsString()
  JWT_ISSUER = 'messenger';

  @IsString()
  JWT_AUDIENCE = 'messenger-api';

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86_400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(300)
  @Max(31_536_000)
  REFRESH_TOKEN_TTL_SECONDS = 2_592_000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  JWT_CLOCK_TOLERANCE_SECONDS = 30;

  @IsOptional()
  @IsString()
  API_KEYS?: string;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsIn(['true', 'false'], { message: 'DOCS_ENABLED must be true or false' })
  DOCS_ENABLED = 'true';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_ADDRESS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_USERNAME = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SEND_RATE_LIMIT_PER_USER = 600;

  @Type(() => Number)
  @IsInt({ message: 'MESSAGE_BUCKET_MAX_MESSAGES must be a whole number' })
  @Min(10, { message: 'MESSAGE_BUCKET_MAX_MESSAGES must be at least 10' })
  @Max(1_000_000, { message: 'MESSAGE_BUCKET_MAX_MESSAGES must be at most 1000000' })
  MESSAGE_BUCKET_MAX_MESSAGES = DEFAULT_BUCKET_MAX_MESSAGES;

  @Type(() => Number)
  @IsInt({ message: 'ATTACHMENT_MAX_BYTES must be a whole number' })
  @Min(1, { message: 'ATTACHMENT_MAX_BYTES must be at least 1' })
  @Max(1_073_741_824, { message: 'ATTACHMENT_MAX_BYTES must be at most 1073741824 (1 GiB)' })
  ATTACHMENT_MAX_BYTES = 26_214_400;

  @Type(() => Number)
  @IsInt({ message: 'ATTACHMENT_UNSENT_TTL_SECONDS must be a whole number' })
  @Min(1, { message: 'ATTACHMENT_UNSENT_TTL_SECONDS must be at least 1' })
  @Max(2_592_000, { message: 'ATTACHMENT_UNSENT_TTL_SECONDS must be at most 2592000 (30 days)' })
  ATTACHMENT_UNSENT_TTL_SECONDS = 86_400;

  @Type(() => Number)
  @IsInt({ message: 'ATTACHMENT_UPLOAD_TIMEOUT_MS must be a whole number' })
  @Min(1000, { message: 'ATTACHMENT_UPLOAD_TIMEOUT_MS must be at least 1000' })
  @Max(3_600_000, { message: 'ATTACHMENT_UPLOAD_TIMEOUT_MS must be at most 3600000' })
  ATTACHMENT_UPLOAD_TIMEOUT_MS = 600_000;

  @Type(() => Number)
  @IsInt({ message: 'ATTACHMENT_SWEEP_INTERVAL_MS must be a whole number' })
  @Min(0, { message: 'ATTACHMENT_SWEEP_INTERVAL_MS must be 0 (no sweeps here) or more' })
  ATTACHMENT_SWEEP_INTERVAL_MS = 60_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  UPLOAD_RATE_LIMIT_PER_USER = 30;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;
}

function jwtSecretProblem(env: EnvironmentVariables): string | undefined {
  if (env.NODE_ENV !== 'production') return undefined;
  if (env.JWT_SECRET === undefined) return 'JWT_SECRET must be set when NODE_ENV=production';
  if (env.JWT_SECRET === EXAMPLE_JWT_SECRET) {
    return 'JWT_SECRET must not be the example value of .env.example when NODE_ENV=production';
  }
  return undefined;
}

function parseOrigins(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}

/** Validates the environment at boot; a bad value stops the service with a message naming the variable. */
export function validateEnvironment(raw: Record<string, unknown>): AppConfig {
  // Empty strings mean "not set", as in an .env file with `NAME=`.
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== ''));
  const env = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const problems = validateSync(env, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  let replication;
  try {
    replication = parseReplication(env.CASSANDRA_REPLICATION);
  } catch (error) {
    problems.push(`CASSANDRA_REPLICATION: ${(error as Error).message}`);
  }
  let apiKeys;
  try {
    apiKeys = parseApiKeys(env.API_KEYS);
  } catch (error) {
    problems.push(`API_KEYS: ${(error as Error).message}`);
  }
  const secretProblem = jwtSecretProblem(env);
  if (secretProblem) problems.push(secretProblem);
  for (const origin of parseOrigins(env.CORS_ORIGINS)) {
    if (!/^https?:\/\/[^\s/]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" must be an origin such as https://chat.example.com`);
    }
  }
  if (problems.length > 0 || !replication || !apiKeys) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    http: {
      port: env.PORT,
      host: env.HTTP_HOST,
      logLevel: env.LOG_LEVEL,
      logFormat: env.LOG_FORMAT,
      trustProxyHops: env.TRUST_PROXY_HOPS,
      requestDeadlineMs: env.REQUEST_DEADLINE_MS,
      maxInFlightRequests: env.MAX_IN_FLIGHT_REQUESTS,
    },
    cassandra: {
      contactPoints: env.CASSANDRA_HOST.split(',').map((host) => host.trim()),
      port: env.CASSANDRA_PORT,
      keyspace: env.CASSANDRA_KEYSPACE,
      localDataCenter: env.CASSANDRA_LOCAL_DC,
      consistency: env.CASSANDRA_CONSISTENCY,
      serialConsistency: env.CASSANDRA_SERIAL_CONSISTENCY,
      replication,
      credentials:
        env.CASSANDRA_USERNAME !== undefined
          ? { username: env.CASSANDRA_USERNAME, password: env.CASSANDRA_PASSWORD ?? '' }
          : undefined,
      requestTimeoutMs: env.CASSANDRA_REQUEST_TIMEOUT_MS,
    },
    auth: {
      // Outside production a missing secret is replaced by a random one: tokens then last as long as the process.
      jwtSecret: env.JWT_SECRET ?? randomBytes(32).toString('base64url'),
      jwtSecretGenerated: env.JWT_SECRET === undefined,
      jwtIssuer: env.JWT_ISSUER,
      jwtAudience: env.JWT_AUDIENCE,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      clockToleranceSeconds: env.JWT_CLOCK_TOLERANCE_SECONDS,
      apiKeys,
    },
    security: {
      corsOrigins: parseOrigins(env.CORS_ORIGINS),
      docsEnabled: env.DOCS_ENABLED === 'true',
      authRateLimitPerAddress: env.AUTH_RATE_LIMIT_PER_ADDRESS,
      authRateLimitPerUsername: env.AUTH_RATE_LIMIT_PER_USERNAME,
      sendRateLimitPerUser: env.SEND_RATE_LIMIT_PER_USER,
      uploadRateLimitPerUser: env.UPLOAD_RATE_LIMIT_PER_USER,
    },
    messages: { bucketMaxMessages: env.MESSAGE_BUCKET_MAX_MESSAGES },
    realtime: { redisUrl: env.REDIS_URL },
    attachments: {
      maxBytes: env.ATTACHMENT_MAX_BYTES,
      unsentTtlSeconds: env.ATTACHMENT_UNSENT_TTL_SECONDS,
      uploadTimeoutMs: env.ATTACHMENT_UPLOAD_TIMEOUT_MS,
      sweepIntervalMs: env.ATTACHMENT_SWEEP_INTERVAL_MS,
    },
  };
}
