import { parseArgs } from 'node:util';
import { GeneratorParameters, maxConversations } from './generator-plan';

export interface SeedCommand {
  readonly parameters: GeneratorParameters;
  readonly keyspace: string;
  readonly concurrency: number;
  readonly build: boolean;
}

export const USAGE = `Usage: npm run seed -- [options]

  --users N           users taking part (default 1000)
  --conversations M   1:1 conversations among them (default 5000)
  --messages K        messages in all, at least M (default 100000)
  --keyspace NAME     keyspace to fill (default: CASSANDRA_KEYSPACE, else messenger)
  --days D            how far back history reaches, in days (default 120)
  --skew S            Zipf exponent of conversation lengths (default 1.1)
  --seed X            random seed: the same parameters give the same data (default 42)
  --concurrency C     writes in flight at once (default 32)
  --skip-build        use the existing dist/ build of the service
`;

const KEYSPACE = /^[a-z][a-z0-9_]{0,47}$/;

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`--${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function parseSeedCommand(argv: string[], env: NodeJS.ProcessEnv): SeedCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      users: { type: 'string' },
      conversations: { type: 'string' },
      messages: { type: 'string' },
      keyspace: { type: 'string' },
      days: { type: 'string' },
      skew: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      'skip-build': { type: 'boolean' },
    },
  });
  const users = positiveInteger('users', values.users, 1000);
  const conversations = positiveInteger('conversations', values.conversations, 5000);
  const messages = positiveInteger('messages', values.messages, 100_000);
  const skew = values.skew === undefined ? 1.1 : Number(values.skew);
  const keyspace = values.keyspace ?? env.CASSANDRA_KEYSPACE ?? 'messenger';
  if (users < 2) throw new RangeError('--users must be at least 2');
  if (conversations > maxConversations(users) / 2) {
    throw new RangeError(
      `--conversations ${conversations} is too many for ${users} users (at most half of all pairs)`,
    );
  }
  if (messages < conversations)
    throw new RangeError('--messages must be at least --conversations (each has one)');
  if (!Number.isFinite(skew) || skew < 0 || skew > 3)
    throw new RangeError(`--skew must be between 0 and 3, got "${values.skew}"`);
  if (!KEYSPACE.test(keyspace)) {
    throw new RangeError(
      `--keyspace must be lower-case letters, digits and underscores, starting with a letter`,
    );
  }
  return {
    parameters: {
      users,
      conversations,
      messages,
      days: positiveInteger('days', values.days, 120),
      skew,
      seed: positiveInteger('seed', values.seed, 42),
    },
    keyspace,
    concurrency: positiveInteger('concurrency', values.concurrency, 32),
    build: !values['skip-build'],
  };
}
