/**
 * When a conversation's messages were sent. Times are in milliseconds since the epoch; every message
 * time is distinct within its conversation and in the past.
 */
export type Timeline =
  /** Bursts of messages (a chat session) at random moments between two instants, as people talk. */
  | { readonly kind: 'sessions'; readonly startMs: number; readonly endMs: number }
  /** The same number of messages on each of consecutive UTC days from a day's start: full day buckets. */
  | { readonly kind: 'daily'; readonly firstDayMs: number; readonly perDay: number }
  /** A single message at one instant. */
  | { readonly kind: 'at'; readonly atMs: number };

/** One 1:1 conversation to fill: who talks, how many messages, and when. */
export interface ConversationPlan {
  /** The participant who sends the first message. */
  readonly firstSender: number;
  readonly other: number;
  readonly messages: number;
  readonly timeline: Timeline;
  /** Seeds the conversation's own random stream, so its data do not depend on what runs beside it. */
  readonly seed: number;
}

export interface SeedPlan {
  /**
   * What the plan was made from (parameters and version). It is recorded in the keyspace's seed marker:
   * the same description means the same data.
   */
  readonly description: Readonly<Record<string, string | number>>;
  readonly conversations: readonly ConversationPlan[];
}

export const DAY_MS = 86_400_000;

/** The first instant of the UTC day holding `epochMs`. */
export function startOfUtcDay(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS) * DAY_MS;
}

export function totalMessages(plan: SeedPlan): number {
  return plan.conversations.reduce((sum, conversation) => sum + conversation.messages, 0);
}

export function distinctUsers(plan: SeedPlan): number {
  const users = new Set<number>();
  for (const conversation of plan.conversations) {
    users.add(conversation.firstSender);
    users.add(conversation.other);
  }
  return users.size;
}
