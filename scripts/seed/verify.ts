import { seededRandom } from './random';
import { WrittenConversation } from './seeder';
import { SEED_CALLER, ServiceContext } from './service-context';

const SELECT_POINTER =
  'SELECT bucket, activity_id FROM inbox_pointers WHERE user_id = ? AND conversation_id = ?';
const SELECT_BUCKETS = 'SELECT bucket FROM inbox_buckets WHERE user_id = ?';
const SELECT_ENTRY =
  'SELECT activity_id FROM inbox_entries WHERE user_id = ? AND bucket = ? AND conversation_id = ?';

/**
 * Reads back a sample of conversations (the longest ones and some at random) and checks what the API
 * would show: the newest message as the conversation's last, the message count, and exactly one entry
 * row in each participant's list, on the newest message, which their pointer names. Returns the problems found.
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
      listed: {
        view: { conversation: stored },
      },
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
      const options = { prepare: true, fetchSize: 100_000 };
      const pointer = (
        await context.client.execute(SELECT_POINTER, [userId, conversation.id], options)
      ).first();
      const buckets = await context.client.execute(SELECT_BUCKETS, [userId], options);
      const ids: string[] = [];
      for (const row of buckets.rows) {
        const entry = (
          await context.client.execute(SELECT_ENTRY, [userId, row.get('bucket'), conversation.id], options)
        ).first();
        if (entry?.get('activity_id')) ids.push(String(entry.get('activity_id')));
      }
      const pointed = pointer ? String(pointer.get('activity_id')) : 'none';
      if (ids.length !== 1 || ids[0] !== conversation.newestId || pointed !== conversation.newestId) {
        problems.push(
          `${conversation.id}: user ${userId}'s list holds [${ids.join(', ')}] (pointer ${pointed}) instead of [${conversation.newestId}]`,
        );
      }
    }
  }
  return { checked: sample.size, problems };
}
