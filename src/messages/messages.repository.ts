import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { CqlStatement } from '../cassandra/cql-statement';
import { bucketOf } from './message-bucket';
import { Message } from './message.model';

const INSERT_MESSAGE = `INSERT INTO messages_by_conversation
  (conversation_id, bucket, message_id, sender_id, receiver_id, content) VALUES (?, ?, ?, ?, ?, ?)`;
const INSERT_BUCKET = 'INSERT INTO conversation_buckets (conversation_id, bucket) VALUES (?, ?)';
const SELECT_BUCKETS = 'SELECT bucket FROM conversation_buckets WHERE conversation_id = ? LIMIT ?';
const SELECT_BUCKETS_FROM =
  'SELECT bucket FROM conversation_buckets WHERE conversation_id = ? AND bucket <= ? LIMIT ?';
const MESSAGE_COLUMNS = 'message_id, sender_id, receiver_id, content';
const SELECT_MESSAGES = `SELECT ${MESSAGE_COLUMNS} FROM messages_by_conversation
  WHERE conversation_id = ? AND bucket = ? LIMIT ?`;
const SELECT_MESSAGES_BEFORE = `SELECT ${MESSAGE_COLUMNS} FROM messages_by_conversation
  WHERE conversation_id = ? AND bucket = ? AND message_id < ? LIMIT ?`;

const READ = { prepare: true, isIdempotent: true };

@Injectable()
export class MessagesRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  /**
   * Stores a message, its day in the conversation's bucket list, and the given writes of other tables,
   * in one logged batch: all of them happen or, if the batch fails, none is acknowledged. Every write
   * is keyed by the message's id, so the driver may safely retry the batch.
   */
  async appendMessage(message: Message, alsoWrite: CqlStatement[]): Promise<void> {
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
            types.Long.fromNumber(message.senderId),
            types.Long.fromNumber(message.receiverId),
            message.content,
          ],
        },
        { query: INSERT_BUCKET, params: [conversationId, bucket] },
        ...alsoWrite,
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
    beforeId: types.TimeUuid | undefined,
    limit: number,
  ): Promise<Message[]> {
    const id = types.Uuid.fromString(conversationId);
    const result = beforeId
      ? await this.client.execute(SELECT_MESSAGES_BEFORE, [id, bucket, beforeId, limit], READ)
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
