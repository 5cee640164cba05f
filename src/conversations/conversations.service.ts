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
  LastMessage,
  participantsOf,
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
  async assertMember(conversationId: string, caller: Caller): Promise<Conversation> {
    const conversation = await this.repository.findConversation(conversationId);
    if (!conversation || (caller.kind === 'user' && !participantsOf(conversation).includes(caller.userId))) {
      throw new NotFoundError(`conversation ${conversationId} does not exist`);
    }
    return conversation;
  }

  /** The conversation with its message count, for the details endpoint. */
  async getConversationDetails(
    conversationId: string,
    caller: Caller,
  ): Promise<{ conversation: Conversation; messageCount: number }> {
    const [conversation, messageCount] = await Promise.all([
      this.assertMember(conversationId, caller),
      this.repository.countMessages(conversationId),
    ]);
    return { conversation, messageCount };
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

  /** What a new message changes about its conversation and its participants' lists. */
  activityFor(conversation: Conversation, message: LastMessage): ConversationActivity {
    const previous = conversation.lastMessage;
    return {
      conversationId: conversation.id,
      message,
      participants: participantsOf(conversation),
      movesToTop: !previous || compareTimeUuids(message.id, previous.id) > 0,
      replacesEntry: previous?.id,
    };
  }

  /**
   * A user's conversations, most recent activity first. Each entry is checked against its conversation
   * row: an entry older than the conversation's last message was left by concurrent sends, so it is
   * skipped (each conversation appears once, with its true latest message) and removed in passing.
   */
  async listForUser(userId: number, caller: Caller, request: PageRequest): Promise<Page<Conversation>> {
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
    return { ...page, data: page.data.map((item) => item.conversation) };
  }

  /** Up to `wanted` live entries after the given one, checked against their conversation rows. */
  private async collectLiveEntries(
    userId: number,
    afterEntry: string | undefined,
    wanted: number,
  ): Promise<{ entry: ConversationEntry; conversation: Conversation }[]> {
    const live: { entry: ConversationEntry; conversation: Conversation }[] = [];
    const seen = new Set<string>();
    let after = afterEntry;
    for (let round = 0; round < MAX_LIST_ROUNDS && live.length < wanted; round += 1) {
      const asked = wanted - live.length + STALE_SLACK;
      const entries = await this.repository.listEntries(userId, after, asked);
      const conversations = await Promise.all(
        entries.map((entry) => this.repository.findConversation(entry.conversationId)),
      );
      entries.forEach((entry, index) => {
        const conversation = conversations[index];
        if (conversation && !seen.has(conversation.id) && !this.isStale(entry, conversation)) {
          seen.add(conversation.id);
          live.push({ entry, conversation });
        } else {
          this.removeStaleEntry(userId, entry);
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

  private removeStaleEntry(userId: number, entry: ConversationEntry): void {
    this.repository.removeEntry(userId, entry.lastMessageId).catch((error: unknown) => {
      this.logger.warn(`Could not remove a stale list entry of user ${userId}: ${String(error)}`);
    });
  }
}
