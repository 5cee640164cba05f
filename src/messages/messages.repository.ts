import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { toMicros } from '../cassandra/write-time';
import { DELETE_ENTRY, INSERT_ENTRY, UPDATE_LAST_MESSAGE } from '../conversations/conversation-statements';
import { ConversationActivity } from '../conversations/conversation.model';
import { bucketOf } from './message-bucket';
import {
  INSERT_BUCKET,
  INSERT_MESSAGE,
  SELECT_BUCKETS,
  SELECT_BUCKETS_FROM,
  SELECT_MESSAGES,
  SELECT_MESSAGES_BEFORE,
} from './message-statements';
import { Message } from './message.model';

const READ = { prepare: true, isIdempotent: true };

const long = (value: number) => types.Long.fromNumber(value);

/** A bound statement of a batch. */
interface Statement {
  readonly query: string;
  readonly params: unknown[];
}

/**
 * The writes that move a conversation to the top of its participants' lists for a new message. The
 * last-message columns carry the message's time as their write time, so of concurrent sends the newest
 * wins; only a newer message replaces the previous list entry.
 */
function activityWrites(activity: ConversationActivity): Statement[] {
  const conversationId = types.Uuid.fromString(activity.conversationId);
  const { message } = activity;
  const messageId = types.TimeUuid.fromString(message.id);
  const writes: Statement[] = [
    {
      query: UPDATE_LAST_MESSAGE,
      params: [toMicros(message.at), messageId, long(message.senderId), message.content, conversationId],
    },
  ];
  if (!activity.movesToTop) return writes;
  const previousId = activity.replacesEntry ? types.TimeUuid.fromString(activity.replacesEntry) : undefined;
  for (const userId of activity.participants) {
    if (previousId) writes.push({ query: DELETE_ENTRY, params: [long(userId), previousId] });
    writes.push({ query: INSERT_ENTRY, params: [long(userId), messageId, conversationId] });
  }
  return writes;
}

@Injectable()
export class MessagesRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  /**
   * The send's unit of work: the message, its day in the conversation's bucket list, and what it changes
   * about its conversation, in one logged batch: all of them happen or, if the batch fails, none is
   * acknowledged. Every write is keyed by the message's id, so the driver may safely retry the batch.
   */
  async appendMessage(message: Message, activity: ConversationActivity): Promise<void> {
    const conversationId = types.Uuid.fromString(message.conversationId);
    const bucket = bucketOf(message.createdAt.getTime());
    await this.client.batch(
      [
        {
          query: INSERT_MESSAGE,
          params: [
            conversationId,
            bucket,
            types.TimeUuid.fromString(message.id),
            long(message.senderId),
            long(message.receiverId),
            message.content,
          ],
        },
        { query: INSERT_BUCKET, params: [conversationId, bucket] },
        ...activityWrites(activity),
      ],
      { prepare: true, logged: true, isIdempotent: true },
    );
  }

  /** Day buckets that hold messages of the conversation, newest first, at or before `atOrBefore`. */
  async listBuckets(
    conversationId: string,
    atOrBefore: number | undefined,
    limit: number,
  ): Promise<number[]> {
    const id = types.Uuid.fromString(conversationId);
    const result =
      atOrBefore === undefined
        ? await this.client.execute(SELECT_BUCKETS, [id, limit], READ)
        : await this.client.execute(SELECT_BUCKETS_FROM, [id, atOrBefore, limit], READ);
    return result.rows.map((row) => row.get('bucket') as number);
  }

  /** Up to `limit` messages of one day bucket, newest first, strictly older than `beforeId` if given. */
  async readBucket(
    conversationId: string,
    bucket: number,
    beforeId: string | undefined,
    limit: number,
  ): Promise<Message[]> {
    const id = types.Uuid.fromString(conversationId);
    const result = beforeId
      ? await this.client.execute(
          SELECT_MESSAGES_BEFORE,
          [id, bucket, types.TimeUuid.fromString(beforeId), limit],
          READ,
        )
      : await this.client.execute(SELECT_MESSAGES, [id, bucket, limit], READ);
    return result.rows.map((row) => {
      const messageId = row.get('message_id') as types.TimeUuid;
      return {
        id: messageId.toString(),
        conversationId,
        senderId: (row.get('sender_id') as types.Long).toNumber(),
        receiverId: (row.get('receiver_id') as types.Long).toNumber(),
        content: row.get('content') as string,
        createdAt: messageId.getDate(),
      };
    });
  }
}
