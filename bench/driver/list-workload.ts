import { Client, types } from 'cassandra-driver';
import { mapLimited } from '../../src/common/concurrency';
import { compareTimeUuids, timeUuidMicros } from '../../src/common/time/time-uuid';
import { BUCKET_FETCH_SIZE, POINTERS_PER_READ } from '../../src/conversations/inbox.repository';
import { BUCKETS_PER_READ } from '../../src/conversations/inbox.service';
import { UNREAD_COUNT_CAP, countUnread } from '../../src/messages/unread-count';
import { COUNT_CONCURRENCY } from '../../src/read-state/conversation-lists.service';
import { LIST } from '../bench-plan';
import { HISTORY_LIMIT } from './driver-workloads';
import { RepositoryCql } from './repository-cql';

const READ = { prepare: true, isIdempotent: true };

const long = (value: number) => types.Long.fromNumber(value);

/** A row of the list as the page needs it: its conversation, its activity, its preview's message. */
interface ListedRow {
  readonly conversation: types.Uuid;
  readonly activityId: string;
  readonly lastMessageId?: string;
  lastReadId?: string;
}

/** Every row of one bucket, as the repository reads it (whole, in pages of BUCKET_FETCH_SIZE). */
async function readBucket(client: Client, cql: RepositoryCql, user: types.Long, bucket: number) {
  const rows: ListedRow[] = [];
  let pageState: string | undefined;
  do {
    const result = await client.execute(cql.SELECT_INBOX_BUCKET, [user, bucket], {
      ...READ,
      fetchSize: BUCKET_FETCH_SIZE,
      pageState,
    });
    for (const row of result.rows) {
      const preview = (row.get('latest_message') ?? row.get('last_message')) as {
        message_id: types.TimeUuid;
      } | null;
      rows.push({
        conversation: row.get('conversation_id') as types.Uuid,
        activityId: (row.get('activity_id') as types.TimeUuid).toString(),
        lastMessageId: preview?.message_id.toString(),
      });
    }
    pageState = result.pageState ?? undefined;
  } while (pageState);
  return rows.sort((a, b) => compareTimeUuids(b.activityId, a.activityId));
}

/**
 * One first page of a user's list as the service reads it: the conversation count beside the newest
 * buckets; each bucket's rows and their pointers, 100 per read, until the page and one more are found;
 * then the unread count of each listed conversation with messages after its read position (its message
 * buckets, then the senders after the position), 16 at a time. The bench's listed user has no stale rows,
 * so every row whose pointer names it shows.
 */
export function driverListHead(client: Client, cql: RepositoryCql) {
  const user = long(LIST.userId);
  const wanted = HISTORY_LIMIT + 1;
  return async (): Promise<void> => {
    const [, buckets] = await Promise.all([
      client.execute(cql.SELECT_CONVERSATION_COUNT, [user], READ),
      client.execute(cql.SELECT_INBOX_BUCKETS, [user, BUCKETS_PER_READ], READ),
    ]);
    const shown: ListedRow[] = [];
    for (const bucketRow of buckets.rows) {
      const rows = await readBucket(client, cql, user, bucketRow.get('bucket') as number);
      const pointers = new Map<string, { activityId: string; lastReadId?: string }>();
      for (let start = 0; start < rows.length; start += POINTERS_PER_READ) {
        const ids = rows.slice(start, start + POINTERS_PER_READ).map((row) => row.conversation);
        const result = await client.execute(cql.SELECT_INBOX_POINTERS, [user, ids], READ);
        for (const row of result.rows) {
          const lastRead = row.get('last_read_message_id') as types.TimeUuid | null;
          pointers.set((row.get('conversation_id') as types.Uuid).toString(), {
            activityId: (row.get('activity_id') as types.TimeUuid).toString(),
            lastReadId: lastRead?.toString(),
          });
        }
      }
      for (const row of rows) {
        const pointer = pointers.get(row.conversation.toString());
        if (pointer?.activityId !== row.activityId) continue;
        row.lastReadId = pointer.lastReadId;
        shown.push(row);
      }
      if (shown.length >= wanted) break;
    }
    if (shown.length < wanted) throw new Error(`the listed user's newest buckets hold ${shown.length} rows`);
    await mapLimited(shown.slice(0, HISTORY_LIMIT), COUNT_CONCURRENCY, async (row) => {
      if (row.lastMessageId === undefined) return 0;
      if (row.lastReadId !== undefined && compareTimeUuids(row.lastMessageId, row.lastReadId) <= 0) return 0;
      return countUnread(
        {
          listBuckets: async (_atMost, limit) => {
            const result = await client.execute(cql.SELECT_BUCKETS, [row.conversation, limit], READ);
            return result.rows.map((bucket) => ({
              bucket: bucket.get('bucket') as number,
              newestMicros: timeUuidMicros((bucket.get('newest_message_id') as types.TimeUuid).toString()),
            }));
          },
          readSendersAfter: async (bucket, afterId, limit) => {
            const result =
              afterId === undefined
                ? await client.execute(cql.SELECT_SENDERS, [row.conversation, bucket, limit], READ)
                : await client.execute(
                    cql.SELECT_SENDERS_AFTER,
                    [row.conversation, bucket, types.TimeUuid.fromString(afterId), limit],
                    READ,
                  );
            return result.rows.map((sender) =>
              sender.get('deleted') ? null : (sender.get('sender_id') as types.Long).toNumber(),
            );
          },
        },
        row.lastReadId,
        LIST.userId,
        UNREAD_COUNT_CAP,
      );
    });
  };
}
