import { Injectable, Logger } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { toMicros } from '../cassandra/write-time';
import { forEachLimited } from '../common/concurrency';
import { DELETE_ENTRY, INSERT_ENTRY, UPDATE_LAST_MESSAGE } from '../conversations/conversation-statements';
import { ConversationActivity } from '../conversations/conversation.model';
import { bucketOf } from './message-bucket';
import {
  CLAIM_REQUEST,
  INSERT_BUCKET,
  INSERT_MESSAGE,
  SELECT_BUCKETS,
  SELECT_BUCKETS_FROM,
  SELECT_MESSAGES,
  SELECT_MESSAGES_BEFORE,
} from './message-statements';
import { Message, SendRequest } from './message.model';

const READ = { prepare: true, isIdempotent: true };
const WRITE = { prepare: true, isIdempotent: true };
/** Members whose list entries are written in the message's own logged batch. */
const MAX_PARTICIPANTS_IN_BATCH = 2;
/** List-entry writes in flight when a group send fans out. */
const FAN_OUT_CONCURRENCY = 32;

const long = (value: number) => types.Long.fromNumber(value);

/** A bound statement of a batch. */
interface Statement {
  readonly query: string;
  readonly params: unknown[];
}

/** The statements a message writes to its conversation's row and to its members' lists. */
interface ActivityWrites {
  /** In the message's logged batch. */
  readonly batched: Statement[];
  /** After the batch, member by member: the new entry, then the removal of the previous one. */
  readonly perMember: Statement[][];
}

/**
 * The writes that move a conversation to the top of its members' lists for a new message. The
 * last-message columns carry the message's time as their write time, so of concurrent sends the newest
 * wins; only a newer message replaces the previous list entry. A direct conversation's two entries ride
 * in the message's batch; a group's (two statements a member, up to 2,000) would pass the batch size
 * limits, so they are written after it.
 */
function activityWrites(activity: ConversationActivity): ActivityWrites {
  const conversationId = types.Uuid.fromString(activity.conversationId);
  const { message } = activity;
  const messageId = types.TimeUuid.fromString(message.id);
  const lastMessage: Statement = {
    query: UPDATE_LAST_MESSAGE,
    params: [toMicros(message.at), messageId, long(message.senderId), message.content, conversationId],
  };
  if (!activity.movesToTop) return { batched: [lastMessage], perMember: [] };
  const previousId = activity.replacesEntry ? types.TimeUuid.fromString(activity.replacesEntry) : undefined;
  const perMember = activity.participants.map((userId) => [
    { query: INSERT_ENTRY, params: [long(userId), messageId, conversationId] },
    ...(previousId ? [{ query: DELETE_ENTRY, params: [long(userId), previousId] }] : []),
  ]);
  return activity.participants.length <= MAX_PARTICIPANTS_IN_BATCH
    ? { batched: [lastMessage, ...perMember.flat()], perMember: [] }
    : { batched: [lastMessage], perMember };
}

@Injectable()
export class MessagesRepository {
  private readonly logger = new Logger(MessagesRepository.name);

  constructor(@InjectCassandra() private readonly client: Client) {}

  /**
   * The send's unit of work: the message, its day in the conversation's bucket list, and what it changes
   * about its conversation, in one logged batch: all of them happen or, if the batch fails, none is
   * acknowledged. Every write is keyed by the message's id, so the driver may safely retry the batch.
   * A group's list entries follow the batch (see activityWrites).
   */
  async appendMessage(message: Message, activity: ConversationActivity): Promise<void> {
    const conversationId = types.Uuid.fromString(message.conversationId);
    const bucket = bucketOf(message.createdAt.getTime());
    const { batched, perMember } = activityWrites(activity);
    await this.client.batch(
      [
        {
          query: INSERT_MESSAGE,
          params: [
            conversationId,
            bucket,
            types.TimeUuid.fromString(message.id),
            long(message.senderId),
            message.receiverId === null ? null : long(message.receiverId),
            message.content,
          ],
        },
        { query: INSERT_BUCKET, params: [conversationId, bucket] },
        ...batched,
      ],
      { prepare: true, logged: true, isIdempotent: true },
    );
    // The message is stored: a list write that fails now is repaired when the member's list is read
    // (ConversationsService.replaceStaleEntry), so it is logged, not reported as a failed send. Each
    // member's new entry is written before the old one is removed, so the group never leaves their list.
    await forEachLimited(perMember, FAN_OUT_CONCURRENCY, async (writes) => {
      for (const statement of writes) await this.client.execute(statement.query, statement.params, WRITE);
    }).catch((error: unknown) => {
      this.logger.warn(
        `Message ${message.id} stored; some list entries are left for repair: ${String(error)}`,
      );
    });
  }

  /**
   * Claims a sender's client_message_id in a conversation for a message (a lightweight transaction): of any
   * number of concurrent requests exactly one claims it; every other one gets the claimed message's id and
   * content hash.
   */
  async claimRequest(
    request: SendRequest,
  ): Promise<{ claimed: boolean; messageId: string; contentSha256: Buffer }> {
    const result = await this.client.execute(
      CLAIM_REQUEST,
      [
        types.Uuid.fromString(request.conversationId),
        long(request.senderId),
        request.clientMessageId,
        types.TimeUuid.fromString(request.messageId),
        request.contentSha256,
      ],
      { prepare: true, isIdempotent: false },
    );
    if (result.wasApplied())
      return { claimed: true, messageId: request.messageId, contentSha256: request.contentSha256 };
    const row = result.first();
    return {
      claimed: false,
      messageId: (row.get('message_id') as types.TimeUuid).toString(),
      contentSha256: row.get('content_sha256') as Buffer,
    };
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
        receiverId: (row.get('receiver_id') as types.Long | null)?.toNumber() ?? null,
        content: row.get('content') as string,
        createdAt: messageId.getDate(),
      };
    });
  }
}
