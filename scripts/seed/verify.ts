import { seededRandom } from './random';
import { WrittenConversation } from './seeder';
import { SEED_CALLER, ServiceContext } from './service-context';

const SELECT_USER_ENTRIES =
  'SELECT last_message_id, conversation_id FROM conversations_by_user WHERE user_id = ?';

/**
 * Reads back a sample of conversations (the longest ones and some at random) and checks what the API
 * would show: the newest message as the conversation's last, the message count, and exactly one entry
 * per participant's list, on the newest message. Returns the problems found.
 */
export async function verifySample(
  context: ServiceContext,
  written: readonly WrittenConversation[],
  sampleSize = 20,
): Promise<{ checked: number; problems: string[] }> {
  const longest = [...written].sort((a, b) => b.messages - a.messages).slice(0, Math.ceil(sampleSize / 4));
  const random = seededRandom(written.length);
  const sample = new Set(longest);
  for (
    let attempt = 0;
    sample.size < Math.min(sampleSize, written.length) && attempt < sampleSize * 10;
    attempt += 1
  ) {
    sample.add(written[Math.floor(random() * written.length)]);
  }
  const problems: string[] = [];
  for (const conversation of sample) {
    const {
      view: { conversation: stored },
      messageCount,
    } = await context.conversations.getConversationDetails(conversation.id, SEED_CALLER);
    if (stored.lastMessage?.id !== conversation.newestId) {
      problems.push(
        `${conversation.id}: last message ${stored.lastMessage?.id} instead of ${conversation.newestId}`,
      );
    }
    if (messageCount !== conversation.messages) {
      // Counter updates are never retried (they are not idempotent), so a timed-out one leaves the total short.
      problems.push(`${conversation.id}: message count ${messageCount} instead of ${conversation.messages}`);
    }
    for (const userId of conversation.users) {
      const result = await context.client.execute(SELECT_USER_ENTRIES, [userId], {
        prepare: true,
        fetchSize: 100_000,
      });
      const entries = result.rows.filter((row) => String(row.get('conversation_id')) === conversation.id);
      const ids = entries.map((row) => String(row.get('last_message_id')));
      if (ids.length !== 1 || ids[0] !== conversation.newestId) {
        problems.push(
          `${conversation.id}: user ${userId}'s list holds [${ids.join(', ')}] instead of [${conversation.newestId}]`,
        );
      }
    }
  }
  return { checked: sample.size, problems };
}
