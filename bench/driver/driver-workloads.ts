import { Client, types } from 'cassandra-driver';
import { toMicros } from '../../src/cassandra/write-time';
import { compareTimeUuids } from '../../src/common/time/time-uuid';
import { bucketOf } from '../../src/messages/message-bucket';
import { deepConversationId, pairConversationId, sendPair, PAIRS } from '../bench-plan';
import { RepositoryCql } from './repository-cql';

/** The options the repositories pass with each statement. */
const READ = { prepare: true, isIdempotent: true };
const BATCH = { prepare: true, logged: true, isIdempotent: true };
const COUNTER = { prepare: true, isIdempotent: false };

/** The page size both history scenarios read; the service asks one more row to know whether more follow. */
export const HISTORY_LIMIT = 20;

const long = (value: number | types.Long) =>
  typeof value === 'number' ? types.Long.fromNumber(value) : value;

/** Who sends to whom in operation `index`: the pairs in turn, each direction every other round. */
export function sendDirection(index: number): {
  senderId: number;
  receiverId: number;
  conversationId: string;
} {
  const { a, b } = sendPair(index);
  const forward = Math.floor(index / PAIRS.count) % 2 === 0;
  return {
    senderId: forward ? a : b,
    receiverId: forward ? b : a,
    conversationId: pairConversationId(index),
  };
}

/**
 * One send as the service performs it, statement for statement: read the conversation row; one logged batch
 * with the message, its day bucket, the conversation's last message (written at the message's time) and,
 * for a newer message, the move to the top of both participants' lists; then the message count.
 * Three round trips, as in MessagesService.send for an existing conversation.
 */
export function driverSend(client: Client, cql: RepositoryCql, contents: readonly string[]) {
  return async (index: number): Promise<void> => {
    const { senderId, receiverId, conversationId } = sendDirection(index);
    const content = contents[index % contents.length];
    const conversation = types.Uuid.fromString(conversationId);
    const row = (await client.execute(cql.SELECT_CONVERSATION, [conversation], READ)).first();
    if (!row) throw new Error(`conversation ${conversationId} is not seeded`);
    const createdAt = new Date();
    const messageId = types.TimeUuid.fromDate(createdAt);
    const bucket = bucketOf(createdAt.getTime());
    const previous = row.get('last_message_id') as types.TimeUuid | null;
    const statements = [
      {
        query: cql.INSERT_MESSAGE,
        params: [conversation, bucket, messageId, long(senderId), long(receiverId), content],
      },
      { query: cql.INSERT_BUCKET, params: [conversation, bucket] },
      {
        query: cql.UPDATE_LAST_MESSAGE,
        params: [toMicros(createdAt), messageId, long(senderId), content, conversation],
      },
    ];
    if (!previous || compareTimeUuids(messageId.toString(), previous.toString()) > 0) {
      for (const userId of [row.get('user1_id') as types.Long, row.get('user2_id') as types.Long]) {
        if (previous) statements.push({ query: cql.DELETE_ENTRY, params: [userId, previous] });
        statements.push({ query: cql.INSERT_ENTRY, params: [userId, messageId, conversation] });
      }
    }
    await client.batch(statements, BATCH);
    await client.execute(cql.INCREMENT_MESSAGE_COUNT, [conversation], COUNTER);
  };
}

/**
 * One head-of-history read as the service performs it: the conversation row (the membership check), the
 * message count and the newest day buckets in parallel, then the newest bucket's first rows. Four round
 * trips, as in MessagesService.listHistory.
 */
export function driverHistoryHead(client: Client, cql: RepositoryCql) {
  const conversation = types.Uuid.fromString(deepConversationId);
  const wanted = HISTORY_LIMIT + 1;
  return async (): Promise<void> => {
    const [, , buckets] = await Promise.all([
      client.execute(cql.SELECT_CONVERSATION, [conversation], READ),
      client.execute(cql.SELECT_MESSAGE_COUNT, [conversation], READ),
      client.execute(cql.SELECT_BUCKETS, [conversation, wanted], READ),
    ]);
    const newest = buckets.first()?.get('bucket') as number | undefined;
    if (newest === undefined) throw new Error('the deep conversation has no buckets');
    const page = await client.execute(cql.SELECT_MESSAGES, [conversation, newest, wanted], READ);
    // With fewer rows, the service would read a second bucket: a different amount of work.
    if (page.rowLength !== wanted)
      throw new Error(`the newest bucket holds ${page.rowLength} rows, not ${wanted}`);
  };
}
