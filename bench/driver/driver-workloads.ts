import { Client, types } from 'cassandra-driver';
import { nextActivityMicros } from '../../src/common/time/conversation-clock';
import { timeUuidAtMicros, timeUuidMicros } from '../../src/common/time/time-uuid';
import { inboxBucketOf } from '../../src/conversations/inbox';
import { BUCKETS_PER_LIST } from '../../src/messages/history-walk';
import {
  bucketAfterFull,
  bucketCountSampling,
  bucketForMessage,
  DEFAULT_BUCKET_MAX_MESSAGES,
} from '../../src/messages/message-bucket';
import { searchTerms } from '../../src/messages/search-terms';
import { deepConversationId, pairConversationId, sendPair, PAIRS } from '../bench-plan';
import { RepositoryCql } from './repository-cql';

/** The options the repositories pass with each statement. */
const READ = { prepare: true, isIdempotent: true };
const WRITE = { prepare: true, isIdempotent: true };
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
 * One send as the service performs it, statement for statement: read the conversation row; then, side by
 * side, the message and its bucket, the conversation's preview (one value at the message's
 * microsecond) and, for each participant, the inbox row with its bucket and then the pointer to it (the
 * previous day's row is deleted when the conversation moves to a new day); then the message count and, one
 * send in 16, the bucket's sampled count (opening the next bucket when it is full). The message's time follows the conversation's clock, as in MessagesService.
 */
export function driverSend(client: Client, cql: RepositoryCql, contents: readonly string[]) {
  return async (index: number): Promise<void> => {
    const { senderId, receiverId, conversationId } = sendDirection(index);
    const content = contents[index % contents.length];
    const conversation = types.Uuid.fromString(conversationId);
    const row = (await client.execute(cql.SELECT_CONVERSATION, [conversation], READ)).first();
    if (!row) throw new Error(`conversation ${conversationId} is not seeded`);
    const preview = (row.get('latest_message') ?? row.get('last_message')) as {
      message_id: types.TimeUuid;
    } | null;
    const previousId = preview?.message_id ?? (row.get('last_message_id') as types.TimeUuid | null);
    const previousMicros = previousId ? timeUuidMicros(previousId.toString()) : undefined;
    const atMicros = nextActivityMicros(Date.now(), previousMicros);
    const messageId = types.TimeUuid.fromString(timeUuidAtMicros(atMicros));
    const createdAt = new Date(Math.floor(atMicros / 1000));
    const { bucket, opens } = bucketForMessage(
      (row.get('message_bucket') as number | null) ?? undefined,
      atMicros,
    );
    const inboxBucket = inboxBucketOf(createdAt.getTime());
    const left =
      previousMicros === undefined ? inboxBucket : inboxBucketOf(Math.floor(previousMicros / 1000));
    const micros = long(atMicros);
    const lastMessage = {
      message_id: messageId,
      revision: long(0),
      sender_id: long(senderId),
      content,
      deleted: false,
    };
    const users = [row.get('user1_id') as types.Long, row.get('user2_id') as types.Long];
    await Promise.all([
      // The message and its search terms: one partition's unlogged batch, as the repository writes it.
      client.batch(
        [
          {
            query: cql.INSERT_MESSAGE,
            // No reply and no attachments: their columns unset, as the service leaves them.
            params: [
              conversation,
              bucket,
              messageId,
              long(senderId),
              long(receiverId),
              content,
              types.unset,
              types.unset,
              types.unset,
              micros,
            ],
          },
          {
            query: cql.ADD_SEARCH_TERMS,
            params: [micros, searchTerms(content), conversation, bucket, messageId],
          },
        ],
        { ...WRITE, logged: false },
      ),
      // What one sends one has read.
      client.execute(cql.MOVE_READ_POSITION, [micros, messageId, conversation, long(senderId)], WRITE),
      client.execute(cql.INSERT_BUCKET, [conversation, bucket, messageId, micros], WRITE),
      client.execute(
        cql.UPDATE_LAST_MESSAGE,
        [micros, lastMessage, opens ? bucket : types.unset, conversation],
        WRITE,
      ),
      ...users.map(async (userId) => {
        await Promise.all([
          client.execute(
            cql.UPSERT_INBOX_ENTRY,
            [
              userId,
              inboxBucket,
              conversation,
              messageId,
              'direct',
              users[0],
              users[1],
              'member',
              row.get('created_at') as Date,
              lastMessage,
              micros,
            ],
            WRITE,
          ),
          client.execute(cql.INSERT_INBOX_BUCKET, [userId, inboxBucket, micros], WRITE),
        ]);
        await (userId.equals(long(senderId))
          ? client.execute(
              cql.UPSERT_INBOX_POINTER_READ,
              [userId, conversation, inboxBucket, messageId, messageId, micros],
              WRITE,
            )
          : client.execute(
              cql.UPSERT_INBOX_POINTER,
              [userId, conversation, inboxBucket, messageId, micros],
              WRITE,
            ));
        if (left !== inboxBucket)
          await client.execute(cql.DELETE_INBOX_ENTRY, [micros, userId, left, conversation], WRITE);
      }),
    ]);
    await Promise.all([
      client.execute(cql.INCREMENT_MESSAGE_COUNT, [conversation], COUNTER),
      countIntoBucket(client, cql, conversation, bucket, atMicros),
    ]);
  };
}

/** The sampled bucket count of MessagesService, at the default bucket size. */
const COUNT_EVERY = bucketCountSampling(DEFAULT_BUCKET_MAX_MESSAGES);

async function countIntoBucket(
  client: Client,
  cql: RepositoryCql,
  conversation: types.Uuid,
  bucket: number,
  atMicros: number,
): Promise<void> {
  if (Math.random() * COUNT_EVERY >= 1) return;
  await client.execute(cql.COUNT_INTO_BUCKET, [long(COUNT_EVERY), conversation, bucket], COUNTER);
  const size = (await client.execute(cql.SELECT_BUCKET_SIZE, [conversation, bucket], READ)).first();
  const next = bucketAfterFull(bucket, atMicros);
  if (((size?.get('messages') as types.Long | null)?.toNumber() ?? 0) >= DEFAULT_BUCKET_MAX_MESSAGES && next)
    await client.execute(cql.UPDATE_MESSAGE_BUCKET, [long(atMicros), next, conversation], WRITE);
}

/**
 * One head-of-history read as the service performs it: the conversation row (the membership check), the
 * message count and the newest buckets in parallel, then the newest bucket's first rows. Four round
 * trips, as in HistoryService.listHistory.
 */
export function driverHistoryHead(client: Client, cql: RepositoryCql) {
  const conversation = types.Uuid.fromString(deepConversationId);
  const wanted = HISTORY_LIMIT + 1;
  return async (): Promise<void> => {
    const [, , buckets] = await Promise.all([
      client.execute(cql.SELECT_CONVERSATION, [conversation], READ),
      client.execute(cql.SELECT_MESSAGE_COUNT, [conversation], READ),
      client.execute(cql.SELECT_BUCKETS, [conversation, Math.min(wanted, BUCKETS_PER_LIST)], READ),
    ]);
    const newest = buckets.first()?.get('bucket') as number | undefined;
    if (newest === undefined) throw new Error('the deep conversation has no buckets');
    const page = await client.execute(cql.SELECT_MESSAGES, [conversation, newest, wanted], READ);
    // With fewer rows, the service would read a second bucket: a different amount of work.
    if (page.rowLength !== wanted)
      throw new Error(`the newest bucket holds ${page.rowLength} rows, not ${wanted}`);
  };
}
