import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { parseReplication } from './replication';
import { AppConfig } from './app-config';

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
  if (problems.length > 0 || !replication) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    http: { port: env.PORT, host: env.HTTP_HOST, logLevel: env.LOG_LEVEL },
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
  };
}
