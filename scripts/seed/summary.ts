import { distinctUsers, SeedPlan } from './plan';
import { SeedTotals } from './seeder';

const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);
const thousands = (value: number) => value.toLocaleString('en-US');

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** A few lines that say what the keyspace now holds and how long it took. */
export function summarize(
  keyspace: string,
  plan: SeedPlan,
  totals: SeedTotals,
  elapsedMs: number,
  verification: { checked: number; problems: string[] },
): string {
  const lengths = plan.conversations.map((conversation) => conversation.messages).sort((a, b) => a - b);
  const topShare = lengths
    .slice(-Math.max(1, Math.round(lengths.length / 100)))
    .reduce((sum, n) => sum + n, 0);
  const seconds = elapsedMs / 1000;
  return [
    `keyspace ${keyspace}: ${thousands(totals.messages)} messages in ${thousands(totals.conversations)} conversations ` +
      `among ${thousands(distinctUsers(plan))} users`,
    `messages per conversation: max ${thousands(lengths[lengths.length - 1])}, p90 ${quantile(lengths, 0.9)}, ` +
      `median ${quantile(lengths, 0.5)}; the longest 1% hold ${((100 * topShare) / totals.messages).toFixed(0)}% of messages`,
    `history from ${day(totals.firstMessageMs)} to ${day(totals.lastMessageMs)} in ${thousands(totals.buckets)} message buckets`,
    `content: ${(totals.contentCharacters / totals.messages).toFixed(0)} characters on average, longest ` +
      `${thousands(totals.longestContent)}; ${((100 * totals.nonAsciiMessages) / totals.messages).toFixed(0)}% non-ASCII`,
    `written in ${seconds.toFixed(1)} s (${thousands(Math.round(totals.messages / seconds))} messages/s)`,
    verification.problems.length === 0
      ? `read back ${verification.checked} conversations: last message, count and list entries as expected`
      : `read back ${verification.checked} conversations: ${verification.problems.length} problem(s):\n  ` +
        verification.problems.join('\n  '),
  ].join('\n');
}
