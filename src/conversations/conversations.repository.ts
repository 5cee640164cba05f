import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import {
  INCREMENT_CONVERSATION_COUNT,
  INCREMENT_MESSAGE_COUNT,
  INSERT_CONVERSATION,
  DELETE_ENTRY,
  SELECT_CONVERSATION,
  SELECT_CONVERSATION_COUNT,
  SELECT_ENTRIES_AFTER,
  SELECT_ENTRIES_HEAD,
  SELECT_MESSAGE_COUNT,
} from './conversation-statements';
import { Conversation, ConversationEntry } from './conversation.model';

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
