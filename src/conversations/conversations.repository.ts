import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { CqlStatement } from '../cassandra/cql-statement';
import { toMicros } from '../common/time/time-uuid';
import { Conversation, ConversationEntry } from './conversation.model';

const SELECT_CONVERSATION = `SELECT conversation_id, kind, user1_id, user2_id, created_at,
  last_message_id, last_message_sender_id, last_message_content FROM conversations WHERE conversation_id = ?`;
const INSERT_CONVERSATION = `INSERT INTO conversations (conversation_id, kind, user1_id, user2_id, created_at)
  VALUES (?, ?, ?, ?, ?) IF NOT EXISTS`;
const UPDATE_LAST_MESSAGE = `UPDATE conversations USING TIMESTAMP ?
  SET last_message_id = ?, last_message_sender_id = ?, last_message_content = ? WHERE conversation_id = ?`;
const INSERT_ENTRY =
  'INSERT INTO conversations_by_user (user_id, last_message_id, conversation_id) VALUES (?, ?, ?)';
const DELETE_ENTRY = 'DELETE FROM conversations_by_user WHERE user_id = ? AND last_message_id = ?';
const SELECT_ENTRIES_HEAD =
  'SELECT last_message_id, conversation_id FROM conversations_by_user WHERE user_id = ? LIMIT ?';
const SELECT_ENTRIES_AFTER = `SELECT last_message_id, conversation_id FROM conversations_by_user
  WHERE user_id = ? AND last_message_id < ? LIMIT ?`;
const INCREMENT_CONVERSATION_COUNT =
  'UPDATE user_conversation_counts SET conversation_count = conversation_count + 1 WHERE user_id = ?';
const SELECT_CONVERSATION_COUNT = 'SELECT conversation_count FROM user_conversation_counts WHERE user_id = ?';
const INCREMENT_MESSAGE_COUNT =
  'UPDATE conversation_message_counts SET message_count = message_count + 1 WHERE conversation_id = ?';
const SELECT_MESSAGE_COUNT =
  'SELECT message_count FROM conversation_message_counts WHERE conversation_id = ?';

const READ = { prepare: true, isIdempotent: true };

function toConversation(row: types.Row): Conversation {
  const lastMessageId = row.get('last_message_id') as types.TimeUuid | null;
  return {
    id: (row.get('conversation_id') as types.Uuid).toString(),
    kind: 'direct',
    user1Id: (row.get('user1_id') as types.Long).toNumber(),
    user2Id: (row.get('user2_id') as types.Long).toNumber(),
    createdAt: row.get('created_at') as Date,
    lastMessage: lastMessageId
      ? {
          id: lastMessageId.toString(),
          at: lastMessageId.getDate(),
          senderId: (row.get('last_message_sender_id') as types.Long).toNumber(),
          content: row.get('last_message_content') as string,
        }
      : undefined,
  };
}

const long = (value: number) => types.Long.fromNumber(value);

@Injectable()
export class ConversationsRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  async findConversation(conversationId: string): Promise<Conversation | undefined> {
    const result = await this.client.execute(
      SELECT_CONVERSATION,
      [types.Uuid.fromString(conversationId)],
      READ,
    );
    const row = result.first();
    return row ? toConversation(row) : undefined;
  }

  /**
   * Creates the conversation unless it exists (a lightweight transaction). Exactly one of any number of
   * concurrent creators gets created = true; every other one gets the winner's row.
   */
  async createConversation(
    conversation: Conversation,
  ): Promise<{ created: boolean; conversation: Conversation }> {
    const result = await this.client.execute(
      INSERT_CONVERSATION,
      [
        types.Uuid.fromString(conversation.id),
        conversation.kind,
        long(conversation.user1Id),
        long(conversation.user2Id),
        conversation.createdAt,
      ],
      { prepare: true, isIdempotent: false },
    );
    if (result.wasApplied()) return { created: true, conversation };
    return { created: false, conversation: toConversation(result.first()) };
  }

  /** Counters are not idempotent: never retried by the driver, so a timeout may leave a count one short. */
  async countNewConversation(userIds: number[]): Promise<void> {
    await this.client.batch(
      userIds.map((userId) => ({ query: INCREMENT_CONVERSATION_COUNT, params: [long(userId)] })),
      { prepare: true, counter: true, logged: false, isIdempotent: false },
    );
  }

  async countConversations(userId: number): Promise<number> {
    const result = await this.client.execute(SELECT_CONVERSATION_COUNT, [long(userId)], READ);
    const count = result.first()?.get('conversation_count') as types.Long | undefined;
    return count ? count.toNumber() : 0;
  }

  async countNewMessage(conversationId: string): Promise<void> {
    await this.client.execute(INCREMENT_MESSAGE_COUNT, [types.Uuid.fromString(conversationId)], {
      prepare: true,
      isIdempotent: false,
    });
  }

  async countMessages(conversationId: string): Promise<number> {
    const result = await this.client.execute(
      SELECT_MESSAGE_COUNT,
      [types.Uuid.fromString(conversationId)],
      READ,
    );
    const count = result.first()?.get('message_count') as types.Long | undefined;
    return count ? count.toNumber() : 0;
  }

  /**
   * The writes that move a conversation to the top of its participants' lists for a new message, for
   * the message's logged batch. The last-message columns carry the message's time as their write time,
   * so of concurrent sends the newest wins. Only a newer message replaces the previous entry.
   */
  activityStatements(
    conversation: Conversation,
    participants: number[],
    message: ConversationActivity,
  ): CqlStatement[] {
    const messageId = types.TimeUuid.fromString(message.id);
    const statements: CqlStatement[] = [
      {
        query: UPDATE_LAST_MESSAGE,
        params: [
          toMicros(message.at),
          messageId,
          long(message.senderId),
          message.content,
          types.Uuid.fromString(conversation.id),
        ],
      },
    ];
    if (!message.movesToTop) return statements;
    const previousId = message.replacesEntry ? types.TimeUuid.fromString(message.replacesEntry) : undefined;
    for (const userId of participants) {
      if (previousId) statements.push({ query: DELETE_ENTRY, params: [long(userId), previousId] });
      statements.push({
        query: INSERT_ENTRY,
        params: [long(userId), messageId, types.Uuid.fromString(conversation.id)],
      });
    }
    return statements;
  }

  /** A slice of a user's list, most recent first, strictly after (older than) the given entry. */
  async listEntries(
    userId: number,
    afterLastMessageId: string | undefined,
    limit: number,
  ): Promise<ConversationEntry[]> {
    const result = afterLastMessageId
      ? await this.client.execute(
          SELECT_ENTRIES_AFTER,
          [long(userId), types.TimeUuid.fromString(afterLastMessageId), limit],
          READ,
        )
      : await this.client.execute(SELECT_ENTRIES_HEAD, [long(userId), limit], READ);
    return result.rows.map((row) => ({
      lastMessageId: (row.get('last_message_id') as types.TimeUuid).toString(),
      conversationId: (row.get('conversation_id') as types.Uuid).toString(),
    }));
  }

  async removeEntry(userId: number, lastMessageId: string): Promise<void> {
    await this.client.execute(DELETE_ENTRY, [long(userId), types.TimeUuid.fromString(lastMessageId)], {
      prepare: true,
      isIdempotent: true,
    });
  }
}

/** What a new message changes about its conversation. */
export interface ConversationActivity {
  readonly id: string;
  readonly at: Date;
  readonly senderId: number;
  readonly content: string;
  /** False when a newer message is already the conversation's last (a late send): the lists stay as they are. */
  readonly movesToTop: boolean;
  /** The entry this message replaces in the participants' lists: the previous last message. */
  readonly replacesEntry?: string;
}
