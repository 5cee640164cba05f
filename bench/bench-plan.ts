import { directConversationId } from '../src/conversations/direct-conversation-id';
import { ConversationPlan, DAY_MS, SeedPlan, startOfUtcDay } from '../scripts/seed/plan';
import { childSeed } from '../scripts/seed/random';

/** Bump when the bench data change shape: a keyspace seeded from another version is reseeded. */
const BENCH_DATA_VERSION = 1;
const SEED = 7;

/**
 * The deep conversation: 120 messages on each of the 90 days before today (UTC), 10,800 in all. Full
 * day buckets make the head page and a page 10,000 messages back each come from one bucket, so the
 * two reads do the same work if cost does not grow with depth (10,000 back is 40 messages into a day).
 */
export const DEEP = { userA: 1, userB: 2, perDay: 120, days: 90, depth: 10_000 } as const;
/** The user with 5,000 conversations, one message each, spread over the same 90 days. */
export const LIST = { userId: 3, firstPartner: 100_001, conversations: 5_000, depth: 4_000 } as const;
/** Pairs of users who already talk: the send scenarios write into their (existing) conversations. */
export const PAIRS = { firstA: 200_001, firstB: 300_001, count: 1_000 } as const;

export const deepConversationId = directConversationId(DEEP.userA, DEEP.userB);

export function sendPair(index: number): { a: number; b: number } {
  const pair = index % PAIRS.count;
  return { a: PAIRS.firstA + pair, b: PAIRS.firstB + pair };
}

export function pairConversationId(index: number): string {
  const { a, b } = sendPair(index);
  return directConversationId(a, b);
}

/** What the bench reads and writes. Times end before today (UTC), so live sends are always newer. */
export function benchPlan(nowMs: number): SeedPlan {
  const today = startOfUtcDay(nowMs);
  const historyStart = today - DEEP.days * DAY_MS;
  const conversations: ConversationPlan[] = [
    {
      firstSender: DEEP.userA,
      other: DEEP.userB,
      messages: DEEP.perDay * DEEP.days,
      timeline: { kind: 'daily', firstDayMs: historyStart, perDay: DEEP.perDay },
      seed: childSeed(SEED, 0),
    },
  ];
  const listSpacing = (DEEP.days * DAY_MS) / LIST.conversations;
  for (let index = 0; index < LIST.conversations; index += 1) {
    conversations.push({
      // Half of them started by the listed user, half by the other side.
      firstSender: index % 2 === 0 ? LIST.userId : LIST.firstPartner + index,
      other: index % 2 === 0 ? LIST.firstPartner + index : LIST.userId,
      messages: 1,
      timeline: { kind: 'at', atMs: Math.floor(historyStart + index * listSpacing + listSpacing / 2) },
      seed: childSeed(SEED, 1 + index),
    });
  }
  for (let index = 0; index < PAIRS.count; index += 1) {
    const { a, b } = sendPair(index);
    conversations.push({
      firstSender: a,
      other: b,
      messages: 1,
      timeline: { kind: 'at', atMs: today - DAY_MS + index * 1000 },
      seed: childSeed(SEED, 1 + LIST.conversations + index),
    });
  }
  return {
    description: {
      bench: BENCH_DATA_VERSION,
      deep: DEEP.perDay * DEEP.days,
      list: LIST.conversations,
      pairs: PAIRS.count,
      seed: SEED,
    },
    conversations,
  };
}
