import { ConversationPlan, DAY_MS, SeedPlan } from './plan';
import { childSeed, seededRandom, zipfCounts, zipfSampler } from './random';

export interface GeneratorParameters {
  readonly users: number;
  readonly conversations: number;
  readonly messages: number;
  /** How many days back the history reaches. */
  readonly days: number;
  /** Zipf exponent of messages per conversation: larger means a few longer conversations. */
  readonly skew: number;
  readonly seed: number;
}

/** Bump when the way a plan is derived from its parameters changes: the same parameters, other data. */
const GENERATOR_VERSION = 1;
/** Some users have many more conversations than others (a softer Zipf than the message counts). */
const USER_POPULARITY_EXPONENT = 0.7;
/** The newest message is at least this far in the past, so live sends are always newer. */
const END_MARGIN_MS = 60_000;

export function maxConversations(users: number): number {
  return (users * (users - 1)) / 2;
}

/**
 * A skewed data set: conversation lengths follow Zipf's law over `conversations` ranks (a few very long
 * conversations, many short ones); popular users are in more conversations; each conversation's
 * messages come in sessions over a span that grows with its length (the longest span all `days`).
 */
export function generatorPlan(parameters: GeneratorParameters, nowMs: number): SeedPlan {
  const { users, conversations, messages, days, skew, seed } = parameters;
  if (conversations > maxConversations(users) / 2) {
    throw new RangeError(
      `${conversations} conversations among ${users} users would be more than half of all possible pairs; raise --users`,
    );
  }
  const random = seededRandom(seed);
  const popularUser = zipfSampler(users, USER_POPULARITY_EXPONENT);
  const pairs = new Set<string>();
  const counts = zipfCounts(messages, conversations, skew);
  const endMs = nowMs - END_MARGIN_MS;
  const historyMs = days * DAY_MS;
  const plans: ConversationPlan[] = [];
  for (let index = 0; index < conversations; index += 1) {
    let a = 0;
    let b = 0;
    do {
      a = popularUser(random) + 1;
      b = 1 + Math.floor(random() * users);
    } while (a === b || pairs.has(a < b ? `${a}:${b}` : `${b}:${a}`));
    pairs.add(a < b ? `${a}:${b}` : `${b}:${a}`);
    const count = counts[index];
    // One message is an instant; a long conversation spans the whole history.
    const spanMs = Math.min(historyMs, historyMs * (0.02 + count / 500));
    const startMs = endMs - historyMs + random() * (historyMs - spanMs);
    const [firstSender, other] = random() < 0.5 ? [a, b] : [b, a];
    plans.push({
      firstSender,
      other,
      messages: count,
      timeline:
        count === 1
          ? { kind: 'at', atMs: Math.floor(startMs) }
          : { kind: 'sessions', startMs: Math.floor(startMs), endMs: Math.floor(startMs + spanMs) },
      seed: childSeed(seed, index),
    });
  }
  return {
    description: { generator: GENERATOR_VERSION, users, conversations, messages, days, skew, seed },
    conversations: plans,
  };
}
