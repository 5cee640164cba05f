import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { forEachLimited } from '../common/concurrency';
import {
  ADD_MEMBER,
  REMOVE_MEMBER,
  SET_MEMBER_COUNT,
  SET_TITLE,
  INCREMENT_CONVERSATION_COUNT,
  INCREMENT_MESSAGE_COUNT,
  INSERT_CONVERSATION,
  INSERT_ENTRY,
  INSERT_GROUP,
  INSERT_MEMBER,
  DELETE_ENTRY,
  SELECT_MEMBER,
  SELECT_MEMBERS,
  SELECT_CONVERSATION,
  SELECT_CONVERSATION_COUNT,
  SELECT_ENTRIES_AFTER,
  SELECT_ENTRIES_HEAD,
  SELECT_MESSAGE_COUNT,
} from './conversation-statements';
import { Conversation, ConversationEntry, Member, MemberRole } from './conversation.model';

const READ = { prepare: true, isIdempotent: true };
/** Lightweight transactions are not retried by the driver: a retry could see its own write as a conflict. */
const TRANSACTION = { prepare: true, isIdempotent: false };

/** Rows per unlogged batch of one partition's member rows: about 5 KiB, far below the batch size warning. */
const MEMBERS_PER_BATCH = 100;
/** Writes in flight for statements that go to many partitions (a group's list entries and counters). */
const FAN_OUT_CONCURRENCY = 32;

function toConversation(row: types.Row): Conversation {
  const lastMessageId = row.get('last_message_id') as types.TimeUuid | null;
  const isGroup = row.get('kind') === 'group';
  return {
    id: (row.get('conversation_id') as types.Uuid).toString(),
    kind: isGroup ? 'group' : 'direct',
    user1Id: isGroup ? undefined : (row.get('user1_id') as types.Long).toNumber(),
    user2Id: isGroup ? undefined : (row.get('user2_id') as types.Long).toNumber(),
    title: isGroup ? (row.get('title') as string) : undefined,
    memberCount: isGroup ? (row.get('member_count') as number) : 2,
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
        long(conversation.user1Id ?? 0),
        long(conversation.user2Id ?? 0),
        conversation.createdAt,
      ],
      { prepare: true, isIdempotent: false },
    );
    if (result.wasApplied()) return { created: true, conversation };
    return { created: false, conversation: toConversation(result.first()) };
  }

  /** A group's row, written once its members are: the row is what makes the group exist. */
  async insertGroup(group: Conversation): Promise<void> {
    await this.client.execute(
      INSERT_GROUP,
      [types.Uuid.fromString(group.id), group.title, group.memberCount, group.createdAt],
      { prepare: true, isIdempotent: true },
    );
  }

  /** Member rows of one group, in unlogged batches of one partition each (one round trip per batch). */
  async insertMembers(conversationId: string, members: readonly Member[]): Promise<void> {
    const id = types.Uuid.fromString(conversationId);
    for (let start = 0; start < members.length; start += MEMBERS_PER_BATCH) {
      await this.client.batch(
        members.slice(start, start + MEMBERS_PER_BATCH).map((member) => ({
          query: INSERT_MEMBER,
          params: [id, long(member.userId), member.role, member.addedAt],
        })),
        { prepare: true, logged: false, isIdempotent: true },
      );
    }
  }

  /** Adds a member unless present (a lightweight transaction): true for exactly one of concurrent adds. */
  async addMember(conversationId: string, member: Member): Promise<boolean> {
    const result = await this.client.execute(
      ADD_MEMBER,
      [types.Uuid.fromString(conversationId), long(member.userId), member.role, member.addedAt],
      TRANSACTION,
    );
    return result.wasApplied();
  }

  /** Removes a member if present (a lightweight transaction): true for exactly one of concurrent removals. */
  async removeMember(conversationId: string, userId: number): Promise<boolean> {
    const result = await this.client.execute(
      REMOVE_MEMBER,
      [types.Uuid.fromString(conversationId), long(userId)],
      TRANSACTION,
    );
    return result.wasApplied();
  }

  /** Moves member_count from `expected` to `next` (compare and set): false when it was not `expected`. */
  async setMemberCount(conversationId: string, expected: number, next: number): Promise<boolean> {
    const result = await this.client.execute(
      SET_MEMBER_COUNT,
      [next, types.Uuid.fromString(conversationId), expected],
      TRANSACTION,
    );
    return result.wasApplied();
  }

  async setTitle(conversationId: string, title: string): Promise<void> {
    await this.client.execute(SET_TITLE, [title, types.Uuid.fromString(conversationId)], {
      prepare: true,
      isIdempotent: true,
    });
  }

  async findMemberRole(conversationId: string, userId: number): Promise<MemberRole | undefined> {
    const row = (
      await this.client.execute(SELECT_MEMBER, [types.Uuid.fromString(conversationId), long(userId)], READ)
    ).first();
    return row ? (row.get('role') as MemberRole) : undefined;
  }

  /** Members in user id order, strictly after `afterUserId` (0 for the first). */
  async listMembers(conversationId: string, afterUserId: number, limit: number): Promise<Member[]> {
    const result = await this.client.execute(
      SELECT_MEMBERS,
      [types.Uuid.fromString(conversationId), long(afterUserId), limit],
      READ,
    );
    return result.rows.map((row) => ({
      userId: (row.get('user_id') as types.Long).toNumber(),
      role: row.get('role') as MemberRole,
      addedAt: row.get('added_at') as Date,
    }));
  }

  /** Puts the conversation into users' lists at `entryId` (idempotent: an entry is keyed by that id). */
  async putEntries(conversationId: string, entryId: string, userIds: readonly number[]): Promise<void> {
    const id = types.Uuid.fromString(conversationId);
    const entry = types.TimeUuid.fromString(entryId);
    await forEachLimited(userIds, FAN_OUT_CONCURRENCY, async (userId) => {
      await this.client.execute(INSERT_ENTRY, [long(userId), entry, id], {
        prepare: true,
        isIdempotent: true,
      });
    });
  }

  /** Counters are not idempotent: never retried by the driver, so a timeout may leave a count one short. */
  async countNewConversation(userIds: readonly number[]): Promise<void> {
    await forEachLimited(userIds, FAN_OUT_CONCURRENCY, async (userId) => {
      await this.client.execute(INCREMENT_CONVERSATION_COUNT, [long(userId)], {
        prepare: true,
        isIdempotent: false,
      });
    });
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
