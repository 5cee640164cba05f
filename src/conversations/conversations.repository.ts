import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { COUNTER_UPDATE } from '../cassandra/counter-update';
import { forEachLimited } from '../common/concurrency';
import { compareTimeUuids, timeUuidMicros } from '../common/time/time-uuid';
import {
  ADD_MEMBER,
  REMOVE_MEMBER,
  SET_MEMBER_COUNT,
  SET_TITLE,
  INCREMENT_CONVERSATION_COUNT,
  INCREMENT_MESSAGE_COUNT,
  INSERT_CONVERSATION,
  INSERT_GROUP,
  INSERT_MEMBER,
  SELECT_MEMBER,
  SELECT_MEMBERS,
  SELECT_CONVERSATION,
  SELECT_CONVERSATION_COUNT,
  SELECT_MESSAGE_COUNT,
  REVISE_LAST_MESSAGE,
  UPDATE_LAST_MESSAGE,
  UPDATE_MESSAGE_BUCKET,
} from './conversation-statements';
import { Conversation, LastMessage, Member, MemberRole } from './conversation.model';

const READ = { prepare: true, isIdempotent: true };
/** Lightweight transactions are not retried by the driver: a retry could see its own write as a conflict. */
const TRANSACTION = { prepare: true, isIdempotent: false };

/** Rows per unlogged batch of one partition's member rows: about 5 KiB, far below the batch size warning. */
const MEMBERS_PER_BATCH = 100;
/** Writes in flight for statements that go to many partitions (a group's list entries and counters). */
const FAN_OUT_CONCURRENCY = 32;

/** The message_preview value (one cell) of a conversation's latest message, as the driver binds it. */
/**
 * A preview as stored (message_preview_v2): every field bound, since a null revision would serialize
 * greater than any number and win every tie (see migration 0010). A deleted message has the largest revision.
 */
export function toPreview(message: LastMessage | undefined): Record<string, unknown> | null {
  if (!message) return null;
  return {
    message_id: types.TimeUuid.fromString(message.id),
    revision: message.deleted ? types.Long.MAX_VALUE : types.Long.fromNumber(message.revision),
    sender_id: types.Long.fromNumber(message.senderId),
    content: message.content,
    deleted: message.deleted,
  };
}

interface StoredPreview {
  readonly message_id: types.TimeUuid;
  readonly revision?: types.Long | null;
  readonly sender_id: types.Long;
  readonly content: string;
  readonly deleted?: boolean | null;
}

function fromStoredPreview(value: unknown): LastMessage | undefined {
  if (value === null || value === undefined) return undefined;
  const preview = value as StoredPreview;
  const deleted = preview.deleted === true;
  return {
    id: preview.message_id.toString(),
    at: preview.message_id.getDate(),
    senderId: preview.sender_id.toNumber(),
    content: preview.content,
    revision: deleted || !preview.revision ? 0 : preview.revision.toNumber(),
    deleted,
  };
}

/**
 * The preview of a row: `latest_message` (migration 0010), or `last_message` as written before it, whichever
 * names the newer message (a row written on both sides of the migration holds both).
 */
export function previewOf(row: types.Row): LastMessage | undefined {
  const latest = fromStoredPreview(row.get('latest_message'));
  const earlier = fromStoredPreview(row.get('last_message'));
  if (!latest || !earlier) return latest ?? earlier;
  return compareTimeUuids(latest.id, earlier.id) >= 0 ? latest : earlier;
}

/** The preview written before message_preview existed (three columns), for conversations not sent to since. */
function legacyPreview(row: types.Row): LastMessage | undefined {
  const id = row.get('last_message_id') as types.TimeUuid | null;
  if (!id) return undefined;
  return {
    id: id.toString(),
    at: id.getDate(),
    senderId: (row.get('last_message_sender_id') as types.Long).toNumber(),
    content: row.get('last_message_content') as string,
    revision: 0,
    deleted: false,
  };
}

const versionOf = (value: unknown) => (value ? (value as types.Long).toNumber() : undefined);

/** Two, or one in a user's notes conversation (with themselves). */
export function directMemberCount(row: types.Row): number {
  return (row.get('user1_id') as types.Long).equals(row.get('user2_id') as types.Long) ? 1 : 2;
}

function toConversation(row: types.Row): Conversation {
  const isGroup = row.get('kind') === 'group';
  return {
    id: (row.get('conversation_id') as types.Uuid).toString(),
    kind: isGroup ? 'group' : 'direct',
    user1Id: isGroup ? undefined : (row.get('user1_id') as types.Long).toNumber(),
    user2Id: isGroup ? undefined : (row.get('user2_id') as types.Long).toNumber(),
    title: isGroup ? (row.get('title') as string) : undefined,
    memberCount: isGroup ? (row.get('member_count') as number) : directMemberCount(row),
    createdAt: row.get('created_at') as Date,
    lastMessage: previewOf(row) ?? legacyPreview(row),
    titleVersion: isGroup ? versionOf(row.get('title_version')) : undefined,
    memberCountVersion: isGroup ? versionOf(row.get('member_count_version')) : undefined,
    messageBucket: (row.get('message_bucket') as number | null) ?? undefined,
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

  /**
   * A group's row, written once its members are: the row is what makes the group exist. Written at its
   * creation's microsecond, which is then the version of its title and member count.
   */
  async insertGroup(group: Conversation, atMicros: number): Promise<void> {
    await this.client.execute(
      INSERT_GROUP,
      [types.Uuid.fromString(group.id), group.title, group.memberCount, group.createdAt, long(atMicros)],
      { prepare: true, isIdempotent: true },
    );
  }

  /**
   * The conversation's latest message, as one value written at the message's microsecond: the newest wins.
   * A message that opens a message bucket makes it the open one in the same write, so whoever reads that
   * bucket also reads a latest message at least as new as the bucket's first.
   */
  async setLastMessage(
    conversationId: string,
    message: LastMessage,
    atMicros: number,
    openedBucket: number | undefined,
  ): Promise<void> {
    await this.client.execute(
      UPDATE_LAST_MESSAGE,
      [
        long(atMicros),
        toPreview(message),
        openedBucket ?? types.unset,
        types.Uuid.fromString(conversationId),
      ],
      { prepare: true, isIdempotent: true },
    );
  }

  /**
   * The latest message's preview after an edit or a delete, at the message's own microsecond: it replaces
   * the send's preview by its revision, and any newer message's preview still wins (see migration 0010).
   */
  async reviseLastMessage(conversationId: string, message: LastMessage): Promise<void> {
    await this.client.execute(
      REVISE_LAST_MESSAGE,
      [long(timeUuidMicros(message.id)), toPreview(message), types.Uuid.fromString(conversationId)],
      { prepare: true, isIdempotent: true },
    );
  }

  /** Makes `bucket` the conversation's open message bucket, as of `atMicros`: the latest opening wins. */
  async setMessageBucket(conversationId: string, bucket: number, atMicros: number): Promise<void> {
    await this.client.execute(
      UPDATE_MESSAGE_BUCKET,
      [long(atMicros), bucket, types.Uuid.fromString(conversationId)],
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

  /** A group's title, at `atMicros`: the title's version, which members' lists copy. */
  async setTitle(conversationId: string, title: string, atMicros: number): Promise<void> {
    await this.client.execute(SET_TITLE, [long(atMicros), title, types.Uuid.fromString(conversationId)], {
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

  /** Counters are not idempotent: never retried by the driver, so a timeout may leave a count one short. */
  async countNewConversation(userIds: readonly number[]): Promise<void> {
    await forEachLimited([...new Set(userIds)], FAN_OUT_CONCURRENCY, async (userId) => {
      await this.client.execute(INCREMENT_CONVERSATION_COUNT, [long(userId)], COUNTER_UPDATE);
    });
  }

  async countConversations(userId: number): Promise<number> {
    const result = await this.client.execute(SELECT_CONVERSATION_COUNT, [long(userId)], READ);
    const count = result.first()?.get('conversation_count') as types.Long | undefined;
    return count ? count.toNumber() : 0;
  }

  async countNewMessage(conversationId: string): Promise<void> {
    await this.client.execute(
      INCREMENT_MESSAGE_COUNT,
      [types.Uuid.fromString(conversationId)],
      COUNTER_UPDATE,
    );
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
}
