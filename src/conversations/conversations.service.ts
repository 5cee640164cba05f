import { Injectable, Logger } from '@nestjs/common';
import { Caller } from '../common/auth/caller';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { PageRequest, pageWindow } from '../common/pagination/page-window';
import { Page, pageFrom } from '../common/pagination/page';
import { compareTimeUuids, isTimeUuid } from '../common/time/time-uuid';
import {
  Conversation,
  ConversationActivity,
  ConversationEntry,
  ConversationView,
  LastMessage,
  MAX_GROUP_MEMBERS,
  MemberRole,
  pairOf,
} from './conversation.model';
import { NamedUserId, UsersService } from '../users/users.service';
import { ConversationsRepository } from './conversations.repository';
import { directConversationId, orderedPair } from './direct-conversation-id';

interface EntryPosition {
  readonly id: string;
}

const isEntryPosition = (value: unknown): value is EntryPosition =>
  typeof value === 'object' && value !== null && isTimeUuid((value as { id?: unknown }).id);

/** Reads of a user's list past entries left stale by concurrent sends; bounded so a page's cost is too. */
const MAX_LIST_ROUNDS = 4;
const STALE_SLACK = 5;
/** Member rows read per query when a send lists a group's members. */
const MEMBER_SLICE = 500;

@Injectable()
export class ConversationsService {
  private readonly logger = new Logger(ConversationsService.name);

  constructor(
    private readonly repository: ConversationsRepository,
    private readonly users: UsersService,
  ) {}

  /**
   * The 1:1 conversation of two users, created on first contact; race-free (see directConversationId).
   * Only users can start one: each party is looked up then, and a missing one is named by its field.
   * An existing conversation proves its parties were checked when it was created (or that it predates
   * accounts, see SCHEMA.md), so later sends skip the lookups.
   */
  async openDirectConversation(sender: NamedUserId, receiver: NamedUserId, at: Date): Promise<Conversation> {
    const [userA, userB] = [sender.id, receiver.id];
    const id = directConversationId(userA, userB);
    const existing = await this.repository.findConversation(id);
    if (existing) return existing;
    await this.users.requireUsers([receiver, sender]);
    const [user1Id, user2Id] = orderedPair(userA, userB);
    const { created, conversation } = await this.repository.createConversation({
      id,
      kind: 'direct',
      user1Id,
      user2Id,
      memberCount: 2,
      createdAt: at,
    });
    if (created) {
      await this.repository.countNewConversation([user1Id, user2Id]).catch((error: unknown) => {
        this.logger.warn(
          `Conversation ${id} created, but its participants' counts were not incremented: ${String(error)}`,
        );
      });
    }
    return conversation;
  }

  /**
   * The one membership check: the conversation if the caller may read and write it, else the same 404 as
   * for an unknown id, so an id reveals nothing. A user must be one of its members; a trusted backend
   * may use any conversation.
   */
  async assertMember(conversationId: string, caller: Caller): Promise<ConversationView> {
    const conversation = await this.repository.findConversation(conversationId);
    const role = conversation && (await this.roleOf(conversation, caller));
    if (!conversation || role === undefined) {
      throw new NotFoundError(`conversation ${conversationId} does not exist`);
    }
    return { conversation, role };
  }

  /** The caller's role in a conversation: undefined for a non-member, null for a trusted backend. */
  private async roleOf(conversation: Conversation, caller: Caller): Promise<MemberRole | null | undefined> {
    if (caller.kind === 'service') return null;
    return this.roleOfUser(conversation, caller.userId);
  }

  async roleOfUser(conversation: Conversation, userId: number): Promise<MemberRole | undefined> {
    if (conversation.kind === 'direct') return pairOf(conversation).includes(userId) ? 'member' : undefined;
    return this.repository.findMemberRole(conversation.id, userId);
  }

  /** The conversation with its message count, for the details endpoint. */
  async getConversationDetails(
    conversationId: string,
    caller: Caller,
  ): Promise<{ view: ConversationView; messageCount: number }> {
    const [view, messageCount] = await Promise.all([
      this.assertMember(conversationId, caller),
      this.repository.countMessages(conversationId),
    ]);
    return { view, messageCount };
  }

  countMessages(conversationId: string): Promise<number> {
    return this.repository.countMessages(conversationId);
  }

  /**
   * Adds a stored message to its conversation's total. The message is already durable, so a failure
   * here is logged and the send still succeeds; the total may then be one short.
   */
  async countNewMessage(conversationId: string): Promise<void> {
    await this.repository.countNewMessage(conversationId).catch((error: unknown) => {
      this.logger.warn(
        `Message stored, but the total of conversation ${conversationId} was not incremented: ${String(error)}`,
      );
    });
  }

  /** What a new message changes about its conversation and its members' lists. */
  async activityFor(conversation: Conversation, message: LastMessage): Promise<ConversationActivity> {
    const previous = conversation.lastMessage;
    return {
      conversationId: conversation.id,
      message,
      participants:
        conversation.kind === 'direct' ? pairOf(conversation) : await this.memberIds(conversation.id),
      movesToTop: !previous || compareTimeUuids(message.id, previous.id) > 0,
      replacesEntry: previous?.id,
    };
  }

  /** Every member of a group: one partition, at most MAX_GROUP_MEMBERS rows, read in slices. */
  private async memberIds(conversationId: string): Promise<number[]> {
    const ids: number[] = [];
    for (let after = 0; ;) {
      const slice = await this.repository.listMembers(conversationId, after, MEMBER_SLICE);
      ids.push(...slice.map((member) => member.userId));
      if (slice.length < MEMBER_SLICE || ids.length >= MAX_GROUP_MEMBERS) return ids;
      after = slice[slice.length - 1].userId;
    }
  }

  /**
   * A user's conversations, most recent activity first. Each entry is checked against its conversation
   * row: an entry older than the conversation's last message was left by concurrent sends, so it is
   * skipped (each conversation appears once, with its true latest message) and removed in passing.
   */
  async listForUser(userId: number, caller: Caller, request: PageRequest): Promise<Page<ConversationView>> {
    if (caller.kind === 'user' && caller.userId !== userId) {
      throw new ForbiddenError(
        `a user may list only their own conversations (you are user ${caller.userId})`,
      );
    }
    const scope = String(userId);
    const window = pageWindow(request, (raw) => decodeCursor(raw, 'c', scope, isEntryPosition));
    const wanted = window.offset + window.limit + 1;
    const [total, live] = await Promise.all([
      this.repository.countConversations(userId),
      this.collectLiveEntries(userId, window.after?.id, wanted),
    ]);

    const page = pageFrom(live, window, total, (last, nextPage) =>
      encodeCursor({ kind: 'c', scope, page: nextPage, position: { id: last.entry.lastMessageId } }),
    );
    return { ...page, data: page.data.map(({ conversation, role }) => ({ conversation, role })) };
  }

  /** Up to `wanted` live entries after the given one, checked against their conversation rows. */
  private async collectLiveEntries(
    userId: number,
    afterEntry: string | undefined,
    wanted: number,
  ): Promise<{ entry: ConversationEntry; conversation: Conversation; role: MemberRole }[]> {
    const live: { entry: ConversationEntry; conversation: Conversation; role: MemberRole }[] = [];
    const seen = new Set<string>();
    let after = afterEntry;
    for (let round = 0; round < MAX_LIST_ROUNDS && live.length < wanted; round += 1) {
      const asked = wanted - live.length + STALE_SLACK;
      const entries = await this.repository.listEntries(userId, after, asked);
      // Each entry's conversation, and the user's role in it: a group the user has left is no longer theirs.
      const found = await Promise.all(
        entries.map(async (entry) => {
          const conversation = await this.repository.findConversation(entry.conversationId);
          return { conversation, role: conversation && (await this.roleOfUser(conversation, userId)) };
        }),
      );
      entries.forEach((entry, index) => {
        const { conversation, role } = found[index];
        if (conversation && role === undefined) {
          this.replaceStaleEntry(userId, entry);
        } else if (conversation && role && !seen.has(conversation.id) && !this.isStale(entry, conversation)) {
          seen.add(conversation.id);
          live.push({ entry, conversation, role });
        } else {
          this.replaceStaleEntry(
            userId,
            entry,
            conversation && !seen.has(conversation.id) ? conversation : undefined,
          );
        }
      });
      if (entries.length < asked) break;
      after = entries[entries.length - 1].lastMessageId;
    }
    return live;
  }

  private isStale(entry: ConversationEntry, conversation: Conversation): boolean {
    const latest = conversation.lastMessage;
    if (!latest) return false;
    return compareTimeUuids(entry.lastMessageId, latest.id) < 0;
  }

  /**
   * Removes an entry left behind, in passing. When its conversation has a newer message and was not met
   * in this read, the entry at that message is written first (the same row a send writes, so a no-op when
   * it exists): this repairs a group send whose fan-out to the lists was cut short, which would otherwise
   * drop the group from this member's list. The repaired entry is above this page, so it shows on the
   * next read of the list's head.
   */
  private replaceStaleEntry(userId: number, entry: ConversationEntry, conversation?: Conversation): void {
    const latest = conversation?.lastMessage;
    const repair = latest
      ? this.repository.putEntries(entry.conversationId, latest.id, [userId])
      : Promise.resolve();
    repair
      .then(() => this.repository.removeEntry(userId, entry.lastMessageId))
      .catch((error: unknown) => {
        this.logger.warn(`Could not replace a stale list entry of user ${userId}: ${String(error)}`);
      });
  }
}
