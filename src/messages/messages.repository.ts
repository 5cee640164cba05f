import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { COUNTER_UPDATE } from '../cassandra/counter-update';
import { BUCKETS_BEHIND, ListedBucket } from './history-walk';
import { bucketOpenedAt, legacyBucketEndMicros, LEGACY_DAY_BUCKETS_BELOW } from './message-bucket';
import {
  ADD_REACTION,
  ADD_SEARCH_TERMS,
  CLAIM_REQUEST,
  SCAN_FOR_SEARCH_TERMS,
  COUNT_INTO_BUCKET,
  DELETE_MESSAGE_CONTENT,
  EDIT_MESSAGE,
  INSERT_BUCKET,
  INSERT_MESSAGE,
  REMOVE_REACTION,
  SELECT_BUCKETS,
  SELECT_BUCKETS_AFTER,
  SELECT_BUCKETS_FROM,
  SELECT_BUCKET_SIZE,
  SELECT_MESSAGE,
  SELECT_MESSAGES,
  SELECT_MESSAGES_AFTER,
  SELECT_MESSAGES_BEFORE,
  SELECT_SENDERS,
  SELECT_SENDERS_AFTER,
  searchBucketStatement,
} from './message-statements';
import { indexedQueryTerms, searchTerms, termChanges } from './search-terms';
import { timeUuidMicros } from '../common/time/time-uuid';
import { LocatedMessage, Message, ReplyTo, SendRequest } from './message.model';
import { decodeReaction, encodeReaction, Reaction } from './reactions';
import { AttachmentSummary } from '../attachments/attachment.model';

const READ = { prepare: true, isIdempotent: true };

/** A message without search terms, as the backfill finds it. */
export interface UnindexedMessage {
  readonly conversationId: string;
  readonly bucket: number;
  readonly messageId: string;
  readonly content: string;
  readonly contentWrittenAt: number;
}
const WRITE = { prepare: true, isIdempotent: true };

const long = (value: number) => types.Long.fromNumber(value);

@Injectable()
export class MessagesRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  /**
   * A message's own rows: the message in its bucket with its search terms, and the bucket in the
   * conversation's list of buckets (with the bucket's newest message, written at the message's microsecond so
   * the newest wins). Two single-partition writes keyed by the message, side by side: each needs only a quorum
   * of its own replicas, and a retry rewrites the same rows.
   */
  async insertMessage(message: Message, bucket: number, atMicros: number): Promise<void> {
    const conversationId = types.Uuid.fromString(message.conversationId);
    const messageId = types.TimeUuid.fromString(message.id);
    const micros = long(atMicros);
    const insert = {
      query: INSERT_MESSAGE,
      params: [
        conversationId,
        bucket,
        messageId,
        long(message.senderId),
        // A group message has no receiver: left unset, since a bound null would write a tombstone.
        message.receiverId === null ? types.unset : long(message.receiverId),
        message.content,
        // Unset, not null, when it is no reply: no tombstone per message.
        message.replyTo ? types.TimeUuid.fromString(message.replyTo.messageId) : types.unset,
        message.replyTo ? message.replyTo.bucket : types.unset,
        // A frozen list, written whole with the row; unset when there is none.
        message.attachments.length > 0 ? message.attachments.map(toAttachmentRow) : types.unset,
        micros,
      ],
    };
    const terms = searchTerms(message.content);
    // One partition, so the unlogged batch is one mutation, applied whole.
    const row =
      terms.length === 0
        ? this.client.execute(insert.query, insert.params, WRITE)
        : this.client.batch(
            [insert, { query: ADD_SEARCH_TERMS, params: [micros, terms, conversationId, bucket, messageId] }],
            { ...WRITE, logged: false },
          );
    await Promise.all([
      row,
      this.client.execute(INSERT_BUCKET, [conversationId, bucket, messageId, micros], WRITE),
    ]);
  }

  /**
   * Adds `messages` to a bucket's approximate count and reads the count back. A counter update is not
   * idempotent, so it is never retried: a lost one leaves the count low, a replayed one high.
   */
  async countIntoBucket(conversationId: string, bucket: number, messages: number): Promise<number> {
    const id = types.Uuid.fromString(conversationId);
    await this.client.execute(COUNT_INTO_BUCKET, [long(messages), id, bucket], COUNTER_UPDATE);
    const row = (await this.client.execute(SELECT_BUCKET_SIZE, [id, bucket], READ)).first();
    return (row?.get('messages') as types.Long | null)?.toNumber() ?? 0;
  }

  /**
   * Claims a sender's client_message_id in a conversation for a message (a lightweight transaction): of any
   * number of concurrent requests exactly one claims it; every other one gets the claimed message's id and
   * content hash.
   */
  async claimRequest(
    request: SendRequest,
  ): Promise<{ claimed: boolean; messageId: string; bucket: number | undefined; contentSha256: Buffer }> {
    const result = await this.client.execute(
      CLAIM_REQUEST,
      [
        types.Uuid.fromString(request.conversationId),
        long(request.senderId),
        request.clientMessageId,
        types.TimeUuid.fromString(request.messageId),
        request.bucket,
        request.contentSha256,
      ],
      // Safe to retry on another coordinator: a retry that finds the claim its first attempt made gets this
      // request's own message id back, and so still counts as claimed.
      { prepare: true, isIdempotent: true },
    );
    const row = result.first();
    if (result.wasApplied() || (row.get('message_id') as types.TimeUuid).toString() === request.messageId)
      return {
        claimed: true,
        messageId: request.messageId,
        bucket: request.bucket,
        contentSha256: request.contentSha256,
      };
    return {
      claimed: false,
      messageId: (row.get('message_id') as types.TimeUuid).toString(),
      // Claims made before buckets were sized by activity hold none: their message is in its day's bucket.
      bucket: (row.get('bucket') as number | null) ?? undefined,
      contentSha256: row.get('content_sha256') as Buffer,
    };
  }

  /** Buckets that hold messages of the conversation, newest first, numbered at most `atOrBefore`. */
  async listBuckets(
    conversationId: string,
    atOrBefore: number | undefined,
    limit: number,
  ): Promise<ListedBucket[]> {
    const id = types.Uuid.fromString(conversationId);
    const result =
      atOrBefore === undefined
        ? await this.client.execute(SELECT_BUCKETS, [id, limit], READ)
        : await this.client.execute(SELECT_BUCKETS_FROM, [id, atOrBefore, limit], READ);
    return result.rows.map(toListedBucket);
  }

  /** Buckets that hold messages of the conversation, oldest first, numbered above `after`. */
  async listBucketsAfter(conversationId: string, after: number, limit: number): Promise<ListedBucket[]> {
    const result = await this.client.execute(
      SELECT_BUCKETS_AFTER,
      [types.Uuid.fromString(conversationId), after, limit],
      READ,
    );
    return result.rows.map(toListedBucket);
  }

  /** Up to `limit` messages of one bucket, newest first, strictly older than `beforeId` if given. */
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
    return result.rows.map((row) => toMessage(conversationId, row));
  }

  /**
   * Up to `limit` messages of one bucket that hold the longest few of `terms` (the caller checks the rest),
   * newest first, strictly older than `beforeId` if given. Terms are bound values, never CQL.
   */
  async searchBucket(
    conversationId: string,
    bucket: number,
    terms: readonly string[],
    beforeId: string | undefined,
    limit: number,
  ): Promise<Message[]> {
    const asked = indexedQueryTerms(terms);
    const key = [types.Uuid.fromString(conversationId), bucket];
    const below = beforeId === undefined ? [] : [types.TimeUuid.fromString(beforeId)];
    const result = await this.client.execute(
      searchBucketStatement(asked.length, beforeId !== undefined),
      [...key, ...below, ...asked, limit],
      READ,
    );
    return result.rows.map((row) => toMessage(conversationId, row));
  }

  /**
   * One page of every message of the keyspace that has content but no search terms (written before
   * migration 0013), with the write time of its content; a whole-table read, for the backfill only.
   */
  async scanUnindexed(
    pageState: string | undefined,
    pageSize: number,
  ): Promise<{ messages: UnindexedMessage[]; pageState?: string }> {
    const result = await this.client.execute(SCAN_FOR_SEARCH_TERMS, [], {
      ...READ,
      fetchSize: pageSize,
      pageState,
    });
    const messages = result.rows
      .filter((row) => row.get('search_terms') === null && (row.get('content') as string | null))
      .map((row) => ({
        conversationId: (row.get('conversation_id') as types.Uuid).toString(),
        bucket: row.get('bucket') as number,
        messageId: (row.get('message_id') as types.TimeUuid).toString(),
        content: row.get('content') as string,
        contentWrittenAt: (row.get('content_written') as types.Long).toNumber(),
      }));
    return { messages, pageState: result.pageState ?? undefined };
  }

  /** Terms added at the content's own write time, so an edit written later still decides what stays. */
  async addSearchTerms(message: UnindexedMessage, terms: readonly string[]): Promise<void> {
    await this.client.execute(
      ADD_SEARCH_TERMS,
      [
        long(message.contentWrittenAt),
        terms,
        types.Uuid.fromString(message.conversationId),
        message.bucket,
        types.TimeUuid.fromString(message.messageId),
      ],
      WRITE,
    );
  }

  /** Up to `limit` messages of one bucket strictly newer than `afterId`, oldest first. */
  async readBucketAfter(
    conversationId: string,
    bucket: number,
    afterId: string,
    limit: number,
  ): Promise<Message[]> {
    const result = await this.client.execute(
      SELECT_MESSAGES_AFTER,
      [types.Uuid.fromString(conversationId), bucket, types.TimeUuid.fromString(afterId), limit],
      READ,
    );
    return result.rows.map((row) => toMessage(conversationId, row));
  }

  /**
   * The senders of up to `limit` messages of one bucket, newest first, strictly newer than `afterId` if given
   * (null for a deleted message).
   */
  async readSendersAfter(
    conversationId: string,
    bucket: number,
    afterId: string | undefined,
    limit: number,
  ): Promise<Array<number | null>> {
    const id = types.Uuid.fromString(conversationId);
    const result =
      afterId === undefined
        ? await this.client.execute(SELECT_SENDERS, [id, bucket, limit], READ)
        : await this.client.execute(
            SELECT_SENDERS_AFTER,
            [id, bucket, types.TimeUuid.fromString(afterId), limit],
            READ,
          );
    // A deleted message is no one's to read: null.
    return result.rows.map((row) =>
      row.get('deleted') === true ? null : (row.get('sender_id') as types.Long).toNumber(),
    );
  }

  /**
   * One message by id, with its bucket and its content's write time. Its bucket opened no later than the
   * message (bucket numbers are opening seconds): the newest of those, or one just before it where a send
   * that read the conversation as a bucket opened wrote late (see history-walk.ts).
   */
  async findMessage(conversationId: string, messageId: string): Promise<LocatedMessage | undefined> {
    const buckets = await this.listBuckets(
      conversationId,
      bucketOpenedAt(timeUuidMicros(messageId)),
      BUCKETS_BEHIND,
    );
    for (const { bucket } of buckets) {
      const found = await this.readMessage(conversationId, bucket, messageId);
      if (found) return found;
    }
    return undefined;
  }

  async readMessage(
    conversationId: string,
    bucket: number,
    messageId: string,
  ): Promise<LocatedMessage | undefined> {
    const row = (
      await this.client.execute(
        SELECT_MESSAGE,
        [types.Uuid.fromString(conversationId), bucket, types.TimeUuid.fromString(messageId)],
        READ,
      )
    ).first();
    if (!row) return undefined;
    return {
      message: toMessage(conversationId, row),
      bucket,
      contentWrittenAt: (row.get('content_written') as types.Long).toNumber(),
    };
  }

  /**
   * New content at `atMicros`, which the caller makes later than the content's write time, with its search
   * terms: all of the new text's, and the old text's it lacks removed.
   */
  async editMessage(
    located: LocatedMessage,
    content: string,
    editedAt: Date,
    atMicros: number,
  ): Promise<void> {
    const { add, remove } = termChanges(located.message.content, content);
    await this.client.execute(
      EDIT_MESSAGE,
      [long(atMicros), content, editedAt, add, remove, ...keyOf(located)],
      WRITE,
    );
  }

  async addReaction(located: LocatedMessage, reaction: Reaction): Promise<void> {
    await this.client.execute(ADD_REACTION, [[encodeReaction(reaction)], ...keyOf(located)], WRITE);
  }

  async removeReaction(located: LocatedMessage, reaction: Reaction): Promise<void> {
    await this.client.execute(REMOVE_REACTION, [[encodeReaction(reaction)], ...keyOf(located)], WRITE);
  }

  /** Empties the content for good: written at the largest write time, which nothing written later passes. */
  async markDeleted(located: LocatedMessage): Promise<void> {
    await this.client.execute(DELETE_MESSAGE_CONTENT, [types.Long.MAX_VALUE, ...keyOf(located)], WRITE);
  }
}

function keyOf({ message, bucket }: LocatedMessage): unknown[] {
  return [types.Uuid.fromString(message.conversationId), bucket, types.TimeUuid.fromString(message.id)];
}

function toMessage(conversationId: string, row: types.Row): Message {
  const messageId = row.get('message_id') as types.TimeUuid;
  return {
    id: messageId.toString(),
    conversationId,
    senderId: (row.get('sender_id') as types.Long).toNumber(),
    receiverId: (row.get('receiver_id') as types.Long | null)?.toNumber() ?? null,
    content: row.get('content') as string,
    createdAt: messageId.getDate(),
    editedAt: (row.get('edited_at') as Date | null) ?? null,
    deleted: row.get('deleted') === true,
    reactions: ((row.get('reactions') as string[] | null) ?? []).map(decodeReaction),
    replyTo: replyToOf(row),
    attachments: ((row.get('attachments') as AttachmentRow[] | null) ?? []).map(fromAttachmentRow),
  };
}

/** The message a stored reply answers; its quote is read separately (see ReplyQuotesService). */
function replyToOf(row: types.Row): ReplyTo | null {
  const messageId = row.get('reply_to_message_id') as types.TimeUuid | null;
  const bucket = row.get('reply_to_bucket') as number | null;
  return messageId && bucket !== null ? { messageId: messageId.toString(), bucket, quote: null } : null;
}

function toListedBucket(row: types.Row): ListedBucket {
  const bucket = row.get('bucket') as number;
  const newest = row.get('newest_message_id') as types.TimeUuid | null;
  let newestMicros: number;
  if (newest) newestMicros = timeUuidMicros(newest.toString());
  else if (bucket < LEGACY_DAY_BUCKETS_BELOW) newestMicros = legacyBucketEndMicros(bucket);
  // A bucket row always names its newest message; were one missing, the walk would read the bucket.
  else newestMicros = Number.POSITIVE_INFINITY;
  return { bucket, newestMicros };
}

/** An element of a message's `attachments` column, the attachment_summary type of migration 0014. */
export interface AttachmentRow {
  readonly attachment_id: types.Uuid;
  readonly name: string;
  readonly size: types.Long;
  readonly content_type: string;
  readonly width: number | null;
  readonly height: number | null;
}

export function toAttachmentRow(summary: AttachmentSummary): AttachmentRow {
  return {
    attachment_id: types.Uuid.fromString(summary.id),
    name: summary.name,
    size: types.Long.fromNumber(summary.size),
    content_type: summary.contentType,
    width: summary.width,
    height: summary.height,
  };
}

export function fromAttachmentRow(row: AttachmentRow): AttachmentSummary {
  return {
    id: row.attachment_id.toString(),
    name: row.name,
    size: row.size.toNumber(),
    contentType: row.content_type,
    width: row.width ?? null,
    height: row.height ?? null,
  };
}
