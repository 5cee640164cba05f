import { Injectable, Logger } from '@nestjs/common';
import { Caller } from '../common/auth/caller';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { PageRequest, pageWindow } from '../common/pagination/page-window';
import { Page, pageFrom } from '../common/pagination/page';
import {
  activityMicrosOf,
  Conversation,
  ConversationView,
  LastMessage,
  ListedConversation,
  MAX_GROUP_MEMBERS,
  MemberRole,
  pairOf,
} from './conversation.model';
import { NamedUserId, UsersService } from '../users/users.service';
import { ConversationsRepository } from './conversations.repository';
import { directConversationId, orderedPair } from './direct-conversation-id';
import { InboxMember, InboxPosition, isInboxPosition, ListPosition } from './inbox';
import { InboxService } from './inbox.service';
import { ReadPositionsService } from './read-positions.service';

/** Member rows read per query when a send lists a group's members. */
const MEMBER_SLICE = 500;

@Injectable()
export class ConversationsService {
  private readonly logger = new Logger(ConversationsService.name);

  constructor(
    private readonly repository: ConversationsRepository,
    private readonly users: UsersService,
    private readonly inbox: InboxService,
    private readonly readPositions: ReadPositionsService,
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
      memberCount: user1Id === user2Id ? 1 : 2,
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

  /**
   * The conversation with its message count, for the details endpoint, and the caller's read position (null
   * for a trusted backend, which is not a member).
   */
  async getConversationDetails(
    conversationId: string,
    caller: Caller,
  ): Promise<{ listed: ListedConversation; messageCount: number }> {
    const [view, messageCount, lastRead] = await Promise.all([
      this.assertMember(conversationId, caller),
      this.repository.countMessages(conversationId),
      caller.kind === 'user' ? this.readPositions.positionOf(conversationId, caller.userId) : undefined,
    ]);
    return { listed: { view, lastReadMessageId: lastRead ?? null }, messageCount };
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

  /**
   * A new message's changes to its conversation: the preview, and its place at the top of every member's
   * list, written side by side; resolves once all are stored. Every write is at the message's microsecond,
   * so a late or replayed message never displaces a newer one. A message that opens a message bucket
   * (`openedBucket`) makes it the conversation's open one. Resolves to the members it was recorded for.
   */
  async recordMessage(
    conversation: Conversation,
    message: LastMessage,
    atMicros: number,
    openedBucket?: number,
  ): Promise<InboxMember[]> {
    const members = await this.members(conversation);
    await Promise.all([
      this.repository.setLastMessage(conversation.id, message, atMicros, openedBucket),
      this.readPositions.moveForSend(conversation.id, message.senderId, message.id),
      this.inbox.recordActivity({
        conversation: { ...conversation, lastMessage: message },
        atMicros,
        members,
        previousMicros: activityMicrosOf(conversation),
      }),
    ]);
    return members;
  }

  /**
   * After an edit or a delete of a message: when it is the conversation's latest, its preview follows, in
   * the conversation row and every member's list (each write at the message's own microsecond, with the
   * new revision, so a newer message's preview still wins; see migration 0010).
   */
  async reviseLatestMessage(
    conversation: Conversation,
    revised: LastMessage,
    members: readonly InboxMember[],
  ): Promise<void> {
    if (conversation.lastMessage?.id !== revised.id) return;
    await Promise.all([
      this.repository.reviseLastMessage(conversation.id, revised),
      this.inbox.revisePreviews(conversation.id, revised, members),
    ]);
  }

  /** Opens the conversation's next message bucket, after its open one filled up (see message-bucket.ts). */
  async openMessageBucket(conversationId: string, bucket: number, atMicros: number): Promise<void> {
    await this.repository.setMessageBucket(conversationId, bucket, atMicros);
  }

  /** Everyone in a conversation with their roles: the pair of a direct one, a group's member rows. */
  async members(conversation: Conversation): Promise<InboxMember[]> {
    if (conversation.kind === 'direct')
      return pairOf(conversation).map((userId) => ({ userId, role: 'member' }));
    const members: InboxMember[] = [];
    for (let after = 0; ;) {
      const slice = await this.repository.listMembers(conversation.id, after, MEMBER_SLICE);
      members.push(...slice.map(({ userId, role }) => ({ userId, role })));
      if (slice.length < MEMBER_SLICE || members.length >= MAX_GROUP_MEMBERS) return members;
      after = slice[slice.length - 1].userId;
    }
  }

  /**
   * A user's conversations, most recent activity first, each once with its latest message, read from the
   * user's inbox (see InboxService.read): a page costs a few partition reads whatever the traffic.
   */
  async listForUser(userId: number, caller: Caller, request: PageRequest): Promise<Page<ListedConversation>> {
    if (caller.kind === 'user' && caller.userId !== userId) {
      throw new ForbiddenError(
        `a user may list only their own conversations (you are user ${caller.userId})`,
      );
    }
    const scope = String(userId);
    const window = pageWindow(request, (raw) => decodeCursor(raw, 'c', scope, isInboxPosition));
    const wanted = window.offset + window.limit + 1;
    const [total, entries] = await Promise.all([
      this.repository.countConversations(userId),
      this.inbox.read(userId, window.after, wanted),
    ]);
    const page = pageFrom(entries, window, total, (last, nextPage) => {
      const position: InboxPosition = {
        bucket: last.bucket,
        activityId: last.activityId,
        conversationId: last.view.conversation.id,
      };
      return encodeCursor({ kind: 'c', scope, page: nextPage, position });
    });
    return {
      ...page,
      data: page.data.map((entry) => ({
        view: entry.view,
        lastReadMessageId: entry.lastReadMessageId ?? null,
      })),
    };
  }

  /**
   * Up to `wanted` of a user's conversations below `after`, in list order, each as its place in the list
   * (which a search across them resumes from). The user's own list, so only conversations they are in.
   */
  async listPositions(
    userId: number,
    after: InboxPosition | undefined,
    wanted: number,
  ): Promise<ListPosition[]> {
    const entries = await this.inbox.read(userId, after, wanted);
    return entries.slice(0, wanted).map((entry) => ({
      bucket: entry.bucket,
      activityId: entry.activityId,
      conversationId: entry.view.conversation.id,
    }));
  }
}
