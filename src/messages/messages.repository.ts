import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
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

const long = (value: number) => types.Long.fromNumber(value);

@Injectable()
export class MessagesRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  /**
   * A message's own rows: the message in its bucket, and the bucket in the conversation's list of buckets.
   * Two single-partition writes keyed by the message, side by side: each needs only a quorum of its own
   * replicas, and a retry rewrites the same rows.
   */
  async insertMessage(message: Message): Promise<void> {
    const conversationId = types.Uuid.fromString(message.conversationId);
    const bucket = bucketOf(message.createdAt.getTime());
    await Promise.all([
      this.client.execute(
        INSERT_MESSAGE,
        [
          conversationId,
          bucket,
          types.TimeUuid.fromString(message.id),
          long(message.senderId),
          // A group message has no receiver: left unset, since a bound null would write a tombstone.
          message.receiverId === null ? types.unset : long(message.receiverId),
          message.content,
        ],
        WRITE,
      ),
      this.client.execute(INSERT_BUCKET, [conversationId, bucket], WRITE),
    ]);
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
