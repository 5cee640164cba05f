import { compareTimeUuids, isTimeUuid, timeUuidOrderKey } from '../common/time/time-uuid';
import { Conversation, ConversationView, MemberRole } from './conversation.model';

/**
 * A user's inbox is kept in day buckets of activity: a conversation has one row in the bucket of its
 * latest activity, whatever the number of messages, and a pointer that says which bucket that is.
 */
export const INBOX_BUCKET_MS = 86_400_000;

export function inboxBucketOf(epochMs: number): number {
  return Math.floor(epochMs / INBOX_BUCKET_MS);
}

/** The last microsecond of a bucket: a write time later than any activity the bucket holds. */
export function inboxBucketEndMicros(bucket: number): number {
  return (bucket + 1) * INBOX_BUCKET_MS * 1000 - 1;
}

/** A row of a user's inbox: a conversation as that user sees it, in one bucket. */
export interface InboxEntry {
  readonly bucket: number;
  readonly activityId: string;
  readonly view: ConversationView;
  /** The newest message the user has read there, from their pointer (set on the rows a read returns). */
  readonly lastReadMessageId?: string;
}

/**
 * Where a user's conversation currently is: the bucket and activity of its newest inbox row; and the newest
 * message the user has read there.
 */
export interface InboxPointer {
  readonly conversationId: string;
  readonly bucket: number;
  readonly activityId: string;
  readonly lastReadMessageId?: string;
}

/**
 * A place in a user's list, exclusive: below the row (activityId, conversationId) of `bucket`, or, without
 * them, from the top of `bucket`.
 */
export interface InboxPosition {
  readonly bucket: number;
  readonly activityId?: string;
  readonly conversationId?: string;
}

/** The place of one conversation's row in a user's list: reading below it goes on with the next one. */
export type ListPosition = Required<InboxPosition>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value read from a cursor is the place of a row in a list. */
export function isInboxPosition(value: unknown): value is ListPosition {
  if (typeof value !== 'object' || value === null) return false;
  const { bucket, activityId, conversationId } = value as Record<string, unknown>;
  return (
    typeof bucket === 'number' &&
    Number.isSafeInteger(bucket) &&
    isTimeUuid(activityId) &&
    typeof conversationId === 'string' &&
    UUID.test(conversationId)
  );
}

/** A member as a fan-out writes them: their id and role, which their row of the list shows. */
export interface InboxMember {
  readonly userId: number;
  readonly role: MemberRole;
}

/** Ties of activity (equal ids never happen, but equal times may): the greater conversation id first. */
function byConversation(a: InboxEntry, b: InboxEntry): number {
  const [x, y] = [a.view.conversation.id, b.view.conversation.id];
  return x < y ? 1 : x > y ? -1 : 0;
}

/** List order: newest activity first; ties by conversation. */
export function newestFirst(a: InboxEntry, b: InboxEntry): number {
  return compareTimeUuids(b.activityId, a.activityId) || byConversation(a, b);
}

function isBelow(entry: InboxEntry, position: InboxPosition): boolean {
  if (entry.bucket !== position.bucket) return entry.bucket < position.bucket;
  if (position.activityId === undefined || position.conversationId === undefined) return true;
  const mark: InboxEntry = {
    bucket: position.bucket,
    activityId: position.activityId,
    view: { conversation: { id: position.conversationId } as Conversation, role: null },
  };
  return newestFirst(mark, entry) < 0;
}

/**
 * One bucket's rows in list order, below `after` when given. Each row's order key is made once, not at
 * every comparison: a bucket holds a day's conversations, and sorting them is much of a list page's work.
 */
export function orderBucket(entries: readonly InboxEntry[], after?: InboxPosition): InboxEntry[] {
  return entries
    .filter((entry) => !after || isBelow(entry, after))
    .map((entry) => ({ entry, key: timeUuidOrderKey(entry.activityId) }))
    .sort((a, b) => (a.key > b.key ? -1 : a.key < b.key ? 1 : byConversation(a.entry, b.entry)))
    .map(({ entry }) => entry);
}

export interface SortedBucket {
  /** The rows that show, in list order. */
  readonly current: InboxEntry[];
  /** Rows a conversation left behind when it moved to a newer bucket (its pointer names another place). */
  readonly stale: InboxEntry[];
  /**
   * Rows without a pointer: of a group the user was removed from, or of one they are being added to (a row is
   * written before its pointer). Never deleted by a reader: deleting one could undo that add.
   */
  readonly unlisted: InboxEntry[];
  /** Pointers that lag behind a newer row (a send cut short between the two writes): moved to the row. */
  readonly repairs: InboxPointer[];
}

/**
 * Which of a bucket's rows (in list order) are their conversation's current one: the row the pointer names,
 * or a row newer than the pointer's. A conversation already met (`seen`) or without a pointer (the user
 * left it, or is being added) does not show.
 */
export function currentRows(
  rows: readonly InboxEntry[],
  pointers: ReadonlyMap<string, InboxPointer>,
  seen: Set<string>,
): SortedBucket {
  const sorted: SortedBucket = { current: [], stale: [], unlisted: [], repairs: [] };
  for (const row of rows) {
    const id = row.view.conversation.id;
    const pointer = pointers.get(id);
    if (pointer === undefined) {
      sorted.unlisted.push(row);
      continue;
    }
    const newer = compareTimeUuids(row.activityId, pointer.activityId) > 0;
    const current = pointer.bucket === row.bucket || newer;
    if (!current || seen.has(id)) {
      sorted.stale.push(row);
      continue;
    }
    seen.add(id);
    sorted.current.push(
      pointer.lastReadMessageId === undefined
        ? row
        : { ...row, lastReadMessageId: pointer.lastReadMessageId },
    );
    if (pointer.bucket !== row.bucket) {
      sorted.repairs.push({ conversationId: id, bucket: row.bucket, activityId: row.activityId });
    }
  }
  return sorted;
}
