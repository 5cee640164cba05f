import { Inject, Injectable, Logger } from '@nestjs/common';
import { forEachLimited } from '../common/concurrency';
import { Clock } from '../common/time/clock';
import { timeUuidMicros } from '../common/time/time-uuid';
import {
  activityIdOf,
  activityMicrosOf,
  Conversation,
  ConversationActivity,
  LastMessage,
} from './conversation.model';
import {
  currentRows,
  inboxBucketEndMicros,
  inboxBucketOf,
  InboxEntry,
  InboxMember,
  InboxPosition,
  orderBucket,
} from './inbox';
import { InboxRepository } from './inbox.repository';

/** Members written to at once when a conversation's rows fan out to its members' lists. */
const FAN_OUT_CONCURRENCY = 32;
/** Buckets listed per read while a page is collected. */
export const BUCKETS_PER_READ = 8;

const bucketOfMicros = (micros: number) => inboxBucketOf(Math.floor(micros / 1000));

/**
 * Users' lists of conversations, most recent activity first (see SCHEMA.md, "The inbox"). Every write is an
 * upsert at the activity's microsecond, so retries, replays and concurrent sends settle on the newest
 * activity; a conversation leaves a row behind only when it moves to a new day, and that row is deleted.
 */
@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);

  constructor(
    private readonly repository: InboxRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Moves a conversation to the top of its members' lists for a new message. Per member: the row, then the
   * pointer to it (so a reader never finds a pointer without its row), then the removal of the row of the
   * day it left. Resolves when every member's list shows the message.
   */
  async recordActivity(activity: ConversationActivity): Promise<void> {
    const { conversation, atMicros, previousMicros } = activity;
    const bucket = bucketOfMicros(atMicros);
    // A late or replayed message (not after the previous activity) leaves no day behind.
    const left = previousMicros < atMicros ? bucketOfMicros(previousMicros) : bucket;
    // A group's title and member count are copied only into a row the conversation starts on a new day: a row
    // of the same day already holds them (renames and member changes keep them current).
    const shown =
      left !== bucket
        ? conversation
        : { ...conversation, titleVersion: undefined, memberCountVersion: undefined };
    const activityId = activityIdOf(conversation);
    // What one sends one has read: the sender's pointer moves their read position to the message.
    const sender = conversation.lastMessage?.senderId;
    await this.fanOut(activity.members, async ({ userId, role }) => {
      await this.place(
        userId,
        { bucket, activityId, view: { conversation: shown, role } },
        userId === sender ? activityId : undefined,
      );
      if (left !== bucket) await this.repository.deleteEntry(userId, left, conversation.id, atMicros);
    });
  }

  /**
   * A revised preview of the conversation's latest message (an edit or a delete) in its members' rows: the
   * rows of that message's day, where the conversation is while the message is its latest. Should a newer
   * message have moved it on, those rows were deleted as of that message, which shadows this older write.
   */
  async revisePreviews(conversationId: string, message: LastMessage, members: readonly InboxMember[]) {
    const bucket = bucketOfMicros(timeUuidMicros(message.id));
    await this.fanOut(members, ({ userId }) =>
      this.repository.revisePreview(userId, bucket, conversationId, message),
    );
  }

  /**
   * Puts a conversation in new members' lists where it stands (its latest activity). The pointer is written
   * now rather than at that activity's time: a member removed and added back before the next message must
   * outlive the removal's delete of their pointer (see removeFromList).
   */
  async addToLists(conversation: Conversation, members: readonly InboxMember[]): Promise<void> {
    const activityMicros = activityMicrosOf(conversation);
    const pointerAt = Math.max(activityMicros, this.clock.now().getTime() * 1000 + 1);
    const bucket = bucketOfMicros(activityMicros);
    await this.fanOut(members, ({ userId, role }) =>
      this.place(
        userId,
        { bucket, activityId: activityIdOf(conversation), view: { conversation, role } },
        undefined,
        pointerAt,
      ),
    );
  }

  /** Moves a user's read position in their pointer to a conversation (forward only, see setReadPosition). */
  async moveReadPosition(userId: number, conversationId: string, messageId: string): Promise<void> {
    await this.repository.setReadPosition(userId, conversationId, messageId);
  }

  /**
   * Takes a conversation out of a user's list by deleting their pointer to it, as of now. The row stays, not
   * listed without a pointer and never tidied (see currentRows), so no tombstone stands in the way of adding
   * the user back: that rewrites the row at the group's own write times and the pointer after the delete.
   */
  async removeFromList(conversation: Conversation, userId: number): Promise<void> {
    const asOf = Math.max(this.clock.now().getTime() * 1000, activityMicrosOf(conversation));
    await this.repository.deletePointer(userId, conversation.id, asOf);
  }

  /** Copies a group's title and member count (each at its version) into its members' rows. */
  async refreshGroupFacts(group: Conversation, members: readonly InboxMember[]): Promise<void> {
    const bucket = bucketOfMicros(activityMicrosOf(group));
    await this.fanOut(members, ({ userId }) => this.repository.writeGroupFacts(userId, bucket, group));
  }

  /**
   * Up to `wanted` of a user's conversations below `after`, in list order. Walks the user's buckets newest
   * first; each bucket is one partition read plus one read of the pointers of its rows. Rows a conversation
   * left behind are skipped, and, in buckets older than yesterday (where no send can still be landing),
   * deleted with the buckets they leave empty, so later reads do not meet them again.
   */
  async read(userId: number, after: InboxPosition | undefined, wanted: number): Promise<InboxEntry[]> {
    const settled = inboxBucketOf(this.clock.now().getTime()) - 1;
    const entries: InboxEntry[] = [];
    const seen = new Set<string>();
    let bound = after?.bucket;
    for (;;) {
      const buckets = await this.repository.listBuckets(userId, bound, BUCKETS_PER_READ);
      for (const bucket of buckets) {
        const rows = orderBucket(await this.repository.readBucket(userId, bucket), after);
        const pointers = await this.repository.readPointers(
          userId,
          rows.map((row) => row.view.conversation.id),
        );
        const { current, stale, repairs } = currentRows(rows, pointers, seen);
        await Promise.all(
          repairs.map((pointer) =>
            this.repository.writePointer(userId, pointer, timeUuidMicros(pointer.activityId)),
          ),
        );
        const whole = after?.bucket !== bucket || after.activityId === undefined;
        if (bucket < settled)
          this.tidy(userId, bucket, stale, whole && current.length === 0 && rows.length === stale.length);
        entries.push(...current);
        if (entries.length >= wanted) return entries;
      }
      if (buckets.length < BUCKETS_PER_READ) return entries;
      bound = buckets[buckets.length - 1] - 1;
    }
  }

  /**
   * A member's row, then their pointer to it (with their read position when `readTo` is given), and the
   * bucket in their list of buckets.
   */
  private async place(
    userId: number,
    entry: InboxEntry,
    readTo?: string,
    pointerAtMicros?: number,
  ): Promise<void> {
    const atMicros = timeUuidMicros(entry.activityId);
    await Promise.all([
      this.repository.writeEntry(userId, entry, atMicros),
      this.repository.addBucket(userId, entry.bucket, atMicros),
    ]);
    await this.repository.writePointer(
      userId,
      {
        conversationId: entry.view.conversation.id,
        bucket: entry.bucket,
        activityId: entry.activityId,
        ...(readTo !== undefined && { lastReadMessageId: readTo }),
      },
      pointerAtMicros ?? atMicros,
    );
  }

  private async fanOut(members: readonly InboxMember[], write: (member: InboxMember) => Promise<void>) {
    const unique = [...new Map(members.map((member) => [member.userId, member])).values()];
    await forEachLimited(unique, FAN_OUT_CONCURRENCY, write);
  }

  /** Deletes a settled bucket's stale rows (each as of its own time), and the bucket when nothing is left. */
  private tidy(userId: number, bucket: number, stale: readonly InboxEntry[], empty: boolean): void {
    const deletions = stale.map((row) =>
      this.repository.deleteEntry(userId, bucket, row.view.conversation.id, timeUuidMicros(row.activityId)),
    );
    Promise.all(deletions)
      .then(() =>
        empty ? this.repository.deleteBucket(userId, bucket, inboxBucketEndMicros(bucket)) : undefined,
      )
      .catch((error: unknown) => {
        this.logger.warn(`Could not tidy bucket ${bucket} of user ${userId}'s list: ${String(error)}`);
      });
  }
}
