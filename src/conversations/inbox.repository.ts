import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { Conversation, LastMessage, MemberRole } from './conversation.model';
import { InboxEntry, InboxPointer } from './inbox';
import {
  DELETE_INBOX_BUCKET,
  DELETE_INBOX_ENTRY,
  DELETE_INBOX_POINTER,
  INSERT_INBOX_BUCKET,
  SELECT_INBOX_BUCKET,
  SELECT_INBOX_BUCKETS,
  SELECT_INBOX_BUCKETS_FROM,
  SELECT_INBOX_POINTERS,
  SET_INBOX_MEMBER_COUNT,
  SET_INBOX_READ_POSITION,
  SET_INBOX_TITLE,
  REVISE_INBOX_PREVIEW,
  UPSERT_INBOX_ENTRY,
  UPSERT_INBOX_POINTER,
  UPSERT_INBOX_POINTER_READ,
} from './inbox-statements';
import { timeUuidMicros } from '../common/time/time-uuid';
import { directMemberCount, previewOf, toPreview } from './conversations.repository';

/** Every inbox statement is keyed by its whole row and carries its write time: safe for the driver to retry. */
const IDEMPOTENT = { prepare: true, isIdempotent: true };
/** Pointers read per query: one partition, an IN on its clustering key. */
export const POINTERS_PER_READ = 100;
/** Rows per page while a bucket is read whole. */
export const BUCKET_FETCH_SIZE = 1000;

const long = (value: number) => types.Long.fromNumber(value);

function toEntry(bucket: number, row: types.Row): InboxEntry | undefined {
  const activity = row.get('activity_id') as types.TimeUuid | null;
  // A row holding only a title or member count (written to a bucket the conversation has since left) is
  // not an entry.
  if (!activity) return undefined;
  const isGroup = row.get('kind') === 'group';
  const conversation: Conversation = {
    id: (row.get('conversation_id') as types.Uuid).toString(),
    kind: isGroup ? 'group' : 'direct',
    user1Id: isGroup ? undefined : (row.get('user1_id') as types.Long).toNumber(),
    user2Id: isGroup ? undefined : (row.get('user2_id') as types.Long).toNumber(),
    title: isGroup ? ((row.get('title') as string | null) ?? '') : undefined,
    memberCount: isGroup ? ((row.get('member_count') as number | null) ?? 0) : directMemberCount(row),
    createdAt: row.get('created_at') as Date,
    lastMessage: previewOf(row),
  };
  return {
    bucket,
    activityId: activity.toString(),
    view: { conversation, role: row.get('role') as MemberRole },
  };
}

@Injectable()
export class InboxRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  /**
   * A user's row of a conversation in one bucket, in one single-partition batch: the activity and preview
   * at the activity's microsecond, a group's title and member count at the write times of the conversation
   * row's own cells, so each column keeps its newest value whatever order the writes land in.
   */
  async writeEntry(userId: number, entry: InboxEntry, activityMicros: number): Promise<void> {
    // What a row does not have is left unset, never bound as null: a null is a tombstone.
    const { conversation, role } = entry.view;
    const key = [long(userId), entry.bucket, types.Uuid.fromString(conversation.id)];
    const statements = [
      {
        query: UPSERT_INBOX_ENTRY,
        params: [
          ...key,
          types.TimeUuid.fromString(entry.activityId),
          conversation.kind,
          conversation.user1Id === undefined ? types.unset : long(conversation.user1Id),
          conversation.user2Id === undefined ? types.unset : long(conversation.user2Id),
          role,
          conversation.createdAt,
          toPreview(conversation.lastMessage) ?? types.unset,
          long(activityMicros),
        ],
      },
      ...this.groupFactStatements(userId, entry.bucket, conversation),
    ];
    if (statements.length === 1)
      await this.client.execute(statements[0].query, statements[0].params, IDEMPOTENT);
    else await this.client.batch(statements, { ...IDEMPOTENT, logged: false });
  }

  /** A user's row of the conversation in `bucket` gets a revised preview of its latest message (see migration 0010). */
  async revisePreview(
    userId: number,
    bucket: number,
    conversationId: string,
    message: LastMessage,
  ): Promise<void> {
    await this.client.execute(
      REVISE_INBOX_PREVIEW,
      [
        long(timeUuidMicros(message.id)),
        toPreview(message),
        long(userId),
        bucket,
        types.Uuid.fromString(conversationId),
      ],
      IDEMPOTENT,
    );
  }

  /** A group's title and member count in a user's row, each at its own version: renames and member changes. */
  async writeGroupFacts(userId: number, bucket: number, group: Conversation): Promise<void> {
    const statements = this.groupFactStatements(userId, bucket, group);
    if (statements.length > 0) await this.client.batch(statements, { ...IDEMPOTENT, logged: false });
  }

  private groupFactStatements(userId: number, bucket: number, conversation: Conversation) {
    if (conversation.kind !== 'group') return [];
    const key = [long(userId), bucket, types.Uuid.fromString(conversation.id)];
    const statements = [];
    if (conversation.titleVersion !== undefined)
      statements.push({
        query: SET_INBOX_TITLE,
        params: [long(conversation.titleVersion), conversation.title ?? '', ...key],
      });
    if (conversation.memberCountVersion !== undefined)
      statements.push({
        query: SET_INBOX_MEMBER_COUNT,
        params: [long(conversation.memberCountVersion), conversation.memberCount, ...key],
      });
    return statements;
  }

  /** Removes a user's row of a conversation from a bucket, as of `asOfMicros`: newer writes survive. */
  async deleteEntry(
    userId: number,
    bucket: number,
    conversationId: string,
    asOfMicros: number,
  ): Promise<void> {
    await this.client.execute(
      DELETE_INBOX_ENTRY,
      [long(asOfMicros), long(userId), bucket, types.Uuid.fromString(conversationId)],
      IDEMPOTENT,
    );
  }

  /** A pointer that names a read position (a sender's) sets it too, at the same write time. */
  async writePointer(userId: number, pointer: InboxPointer, activityMicros: number): Promise<void> {
    const key = [long(userId), types.Uuid.fromString(pointer.conversationId)];
    const place = [pointer.bucket, types.TimeUuid.fromString(pointer.activityId)];
    await (pointer.lastReadMessageId === undefined
      ? this.client.execute(UPSERT_INBOX_POINTER, [...key, ...place, long(activityMicros)], IDEMPOTENT)
      : this.client.execute(
          UPSERT_INBOX_POINTER_READ,
          [...key, ...place, types.TimeUuid.fromString(pointer.lastReadMessageId), long(activityMicros)],
          IDEMPOTENT,
        ));
  }

  /**
   * The read position in a user's pointer, at the message's own microsecond (forward only). A user whose
   * pointer was deleted since (they left) gets a row without a bucket, which reads as no pointer.
   */
  async setReadPosition(userId: number, conversationId: string, messageId: string): Promise<void> {
    await this.client.execute(
      SET_INBOX_READ_POSITION,
      [
        long(timeUuidMicros(messageId)),
        types.TimeUuid.fromString(messageId),
        long(userId),
        types.Uuid.fromString(conversationId),
      ],
      IDEMPOTENT,
    );
  }

  /** As of `asOfMicros`: a pointer written later (the user added back) survives. */
  async deletePointer(userId: number, conversationId: string, asOfMicros: number): Promise<void> {
    await this.client.execute(
      DELETE_INBOX_POINTER,
      [long(asOfMicros), long(userId), types.Uuid.fromString(conversationId)],
      IDEMPOTENT,
    );
  }

  /**
   * Adds a bucket to a user's list, at the activity's microsecond: always within the bucket's own day, so a
   * reader's deletion of the emptied bucket (as of the day's end) removes it whenever it was written.
   */
  async addBucket(userId: number, bucket: number, activityMicros: number): Promise<void> {
    await this.client.execute(INSERT_INBOX_BUCKET, [long(userId), bucket, long(activityMicros)], IDEMPOTENT);
  }

  /** Drops a bucket from a user's list as of `asOfMicros` (a bucket written again later reappears). */
  async deleteBucket(userId: number, bucket: number, asOfMicros: number): Promise<void> {
    await this.client.execute(DELETE_INBOX_BUCKET, [long(asOfMicros), long(userId), bucket], IDEMPOTENT);
  }

  /** A user's buckets, newest first, at or below `atOrBelow` when given. */
  async listBuckets(userId: number, atOrBelow: number | undefined, limit: number): Promise<number[]> {
    const result =
      atOrBelow === undefined
        ? await this.client.execute(SELECT_INBOX_BUCKETS, [long(userId), limit], IDEMPOTENT)
        : await this.client.execute(SELECT_INBOX_BUCKETS_FROM, [long(userId), atOrBelow, limit], IDEMPOTENT);
    return result.rows.map((row) => row.get('bucket') as number);
  }

  /** Every row of one of a user's buckets: one conversation each, at most the user's conversations. */
  async readBucket(userId: number, bucket: number): Promise<InboxEntry[]> {
    const entries: InboxEntry[] = [];
    let pageState: string | undefined;
    do {
      const result = await this.client.execute(SELECT_INBOX_BUCKET, [long(userId), bucket], {
        ...IDEMPOTENT,
        fetchSize: BUCKET_FETCH_SIZE,
        pageState,
      });
      for (const row of result.rows) {
        const entry = toEntry(bucket, row);
        if (entry) entries.push(entry);
      }
      pageState = result.pageState ?? undefined;
    } while (pageState);
    return entries;
  }

  /** The pointers of some of a user's conversations (one partition), by conversation id. */
  async readPointers(userId: number, conversationIds: readonly string[]): Promise<Map<string, InboxPointer>> {
    const pointers = new Map<string, InboxPointer>();
    for (let start = 0; start < conversationIds.length; start += POINTERS_PER_READ) {
      const ids = conversationIds
        .slice(start, start + POINTERS_PER_READ)
        .map((id) => types.Uuid.fromString(id));
      const result = await this.client.execute(SELECT_INBOX_POINTERS, [long(userId), ids], IDEMPOTENT);
      for (const row of result.rows) {
        const conversationId = (row.get('conversation_id') as types.Uuid).toString();
        const bucket = row.get('bucket') as number | null;
        const activity = row.get('activity_id') as types.TimeUuid | null;
        // A read position alone (set after the pointer was deleted) is not a pointer.
        if (bucket === null || activity === null) continue;
        const lastRead = row.get('last_read_message_id') as types.TimeUuid | null;
        pointers.set(conversationId, {
          conversationId,
          bucket,
          activityId: activity.toString(),
          ...(lastRead && { lastReadMessageId: lastRead.toString() }),
        });
      }
    }
    return pointers;
  }
}
