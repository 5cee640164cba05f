import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Caller, userIdOf } from '../common/auth/caller';
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
} from '../common/errors/domain-errors';
import { forEachLimited } from '../common/concurrency';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { isUserPosition } from '../common/pagination/user-position';
import { pageWindow, PageRequest } from '../common/pagination/page-window';
import { pageFrom } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { ConversationEvents } from '../realtime/conversation-events';
import { UsersService } from '../users/users.service';
import {
  Conversation,
  ConversationView,
  MAX_GROUP_MEMBERS,
  Member,
  MIN_GROUP_MEMBERS,
  pairOf,
} from './conversation.model';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';
import { InboxMember } from './inbox';
import { InboxService } from './inbox.service';

export interface MemberPage {
  /** The conversation's member_count. */
  readonly total: number;
  readonly page: number;
  readonly limit: number;
  readonly data: Member[];
  readonly nextCursor: string | null;
}

/** Member-row transactions in flight when members are added. */
const FAN_OUT = 16;
/** Compare-and-set attempts on member_count before giving up under contention. */
const COUNT_ATTEMPTS = 30;

@Injectable()
export class GroupsService {
  private readonly logger = new Logger(GroupsService.name);

  constructor(
    private readonly repository: ConversationsRepository,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    private readonly inbox: InboxService,
    private readonly events: ConversationEvents,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * A new group, the creator its owner. Written in the order that keeps a half-made group invisible: the
   * member rows, then the conversation row (which makes the group exist), then its entry in every member's
   * list, so it shows there before its first message.
   */
  async createGroup(owner: Caller, title: string, memberIds: readonly number[]): Promise<ConversationView> {
    const ownerId = userIdOf(owner);
    const others = [...new Set(memberIds)].filter((id) => id !== ownerId);
    const size = others.length + 1;
    if (size < MIN_GROUP_MEMBERS || size > MAX_GROUP_MEMBERS) {
      throw new InvalidRequestError(
        `a group has ${MIN_GROUP_MEMBERS} to ${MAX_GROUP_MEMBERS} members with its creator; member_ids makes ${size}`,
      );
    }
    await this.users.requireUsers(others.map((id) => ({ id, field: 'member_ids' })));
    const createdAt = this.clock.now();
    const group: Conversation = {
      id: randomUUID(),
      kind: 'group',
      title,
      memberCount: size,
      createdAt,
    };
    const members: Member[] = [
      { userId: ownerId, role: 'owner', addedAt: createdAt },
      ...others.map((userId): Member => ({ userId, role: 'member', addedAt: createdAt })),
    ];
    await this.repository.insertMembers(group.id, members);
    const createdMicros = createdAt.getTime() * 1000;
    await this.repository.insertGroup(group, createdMicros);
    const everyone = members.map((member) => member.userId);
    await this.inbox.addToLists(
      { ...group, titleVersion: createdMicros, memberCountVersion: createdMicros },
      members,
    );
    await this.repository.countNewConversation(everyone).catch((error: unknown) => {
      this.logger.warn(
        `Group ${group.id} created, but its members' counts were not all incremented: ${String(error)}`,
      );
    });
    this.events.groupCreated(group, everyone, owner);
    return { conversation: group, role: 'owner' };
  }

  /**
   * Adds members to a group (owner or admin). Present members and repeated ids are folded; the places are
   * reserved on member_count first (compare and set), so concurrent adds never pass the bound, and each row
   * is added with IF NOT EXISTS, so of concurrent adds of one user exactly one counts.
   */
  async addMembers(
    caller: Caller,
    conversationId: string,
    userIds: readonly number[],
  ): Promise<ConversationView> {
    const view = await this.manageable(caller, conversationId);
    const requested = [...new Set(userIds)];
    await this.users.requireUsers(requested.map((id) => ({ id, field: 'user_ids' })));
    const roles = await Promise.all(
      requested.map((id) => this.repository.findMemberRole(conversationId, id)),
    );
    const candidates = requested.filter((_, index) => roles[index] === undefined);
    if (candidates.length === 0) return view;
    await this.adjustMemberCount(conversationId, candidates.length);
    const addedAt = this.clock.now();
    const added: number[] = [];
    await forEachLimited(candidates, FAN_OUT, async (userId) => {
      if (await this.repository.addMember(conversationId, { userId, role: 'member', addedAt }))
        added.push(userId);
    });
    // Places reserved for users another request added meanwhile are given back.
    if (added.length < candidates.length)
      await this.adjustMemberCount(conversationId, added.length - candidates.length);
    const group = await this.current(conversationId);
    const members = await this.conversations.members(group);
    const joined = new Set(added);
    await this.inbox.addToLists(
      group,
      members.filter((member) => joined.has(member.userId)),
    );
    await this.inbox.refreshGroupFacts(
      group,
      members.filter((member) => !joined.has(member.userId)),
    );
    await this.repository.countNewConversation(added).catch((error: unknown) => {
      this.logger.warn(`Members added to ${conversationId}, but not all their counts: ${String(error)}`);
    });
    this.events.membersAdded(
      group,
      members.map((member) => member.userId),
      added,
      caller,
    );
    return this.conversations.assertMember(conversationId, caller);
  }

  /**
   * Removes a member (owner or admin; anyone may remove themselves, which is leaving). The owner cannot be
   * removed, and can leave only a group they are alone in. Removing someone who is not a member is a no-op.
   * The removed member's list entry goes at once; any other is dropped when their list is read.
   */
  async removeMember(caller: Caller, conversationId: string, userId: number): Promise<void> {
    const leaving = caller.kind === 'user' && caller.userId === userId;
    const view = leaving
      ? await this.groupOf(caller, conversationId)
      : await this.manageable(caller, conversationId);
    const targetRole = await this.repository.findMemberRole(conversationId, userId);
    if (targetRole === undefined) return;
    if (targetRole === 'owner' && !leaving)
      throw new ForbiddenError('the owner of a group cannot be removed');
    if (targetRole === 'owner' && view.conversation.memberCount > 1) {
      throw new ConflictError('the owner cannot leave a group that has other members');
    }
    if (!(await this.repository.removeMember(conversationId, userId))) return;
    await this.adjustMemberCount(conversationId, -1);
    await this.inbox.removeFromList(view.conversation, userId);
    const { group, members } = await this.refreshLists(conversationId);
    this.events.memberRemoved(
      group,
      members.map((member) => member.userId),
      userId,
      caller,
    );
  }

  /** Renames a group (owner or admin); every member's list shows the new title. */
  async rename(caller: Caller, conversationId: string, title: string): Promise<ConversationView> {
    await this.manageable(caller, conversationId);
    await this.repository.setTitle(conversationId, title, this.clock.now().getTime() * 1000);
    const { group, members } = await this.refreshLists(conversationId);
    this.events.groupRenamed(
      group,
      members.map((member) => member.userId),
      caller,
    );
    return this.conversations.assertMember(conversationId, caller);
  }

  /** The group's row as it is now (its title and member count with their versions). */
  private async current(conversationId: string): Promise<Conversation> {
    const group = await this.repository.findConversation(conversationId);
    if (!group) throw new NotFoundError(`conversation ${conversationId} does not exist`);
    return group;
  }

  /** Copies the group's current title and member count into every member's list; returns both. */
  private async refreshLists(
    conversationId: string,
  ): Promise<{ group: Conversation; members: InboxMember[] }> {
    const group = await this.current(conversationId);
    const members = await this.conversations.members(group);
    await this.inbox.refreshGroupFacts(group, members);
    return { group, members };
  }

  /** The group if the caller is a member (404 otherwise); a direct conversation's members never change (409). */
  private async groupOf(caller: Caller, conversationId: string): Promise<ConversationView> {
    const view = await this.conversations.assertMember(conversationId, caller);
    if (view.conversation.kind !== 'group') {
      throw new ConflictError('a direct conversation has two members, and they cannot change');
    }
    return view;
  }

  /** The group if the caller may change it: its owner, an admin, or a trusted backend (403 otherwise). */
  private async manageable(caller: Caller, conversationId: string): Promise<ConversationView> {
    const view = await this.groupOf(caller, conversationId);
    if (view.role === 'member')
      throw new ForbiddenError('only the owner or an admin of a group can change it');
    return view;
  }

  /**
   * member_count += delta by compare and set, retried while other changes land in between. Growing past
   * MAX_GROUP_MEMBERS is refused (400) before anything is written.
   */
  private async adjustMemberCount(conversationId: string, delta: number): Promise<void> {
    for (let attempt = 0; attempt < COUNT_ATTEMPTS; attempt += 1) {
      const current = await this.repository.findConversation(conversationId);
      if (!current) throw new NotFoundError(`conversation ${conversationId} does not exist`);
      const next = current.memberCount + delta;
      if (delta > 0 && next > MAX_GROUP_MEMBERS) {
        throw new InvalidRequestError(
          `a group has at most ${MAX_GROUP_MEMBERS} members; it has ${current.memberCount}, and user_ids adds ${delta}`,
        );
      }
      if (await this.repository.setMemberCount(conversationId, current.memberCount, next)) return;
      // Another change won the compare and set: back off a little, at random, so the next try can win.
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 20));
    }
    throw new ConflictError('the group is changing too fast; retry');
  }

  /** A page of a conversation's members in user id order; members only, like every read of it. */
  async listMembers(conversationId: string, caller: Caller, request: PageRequest): Promise<MemberPage> {
    const { conversation } = await this.conversations.assertMember(conversationId, caller);
    const window = pageWindow(request, (raw) => decodeCursor(raw, 'g', conversationId, isUserPosition));
    const wanted = window.offset + window.limit + 1;
    const read =
      conversation.kind === 'direct'
        ? directMembers(conversation).filter((member) => member.userId > (window.after?.user ?? 0))
        : await this.repository.listMembers(conversationId, window.after?.user ?? 0, wanted);
    const page = pageFrom(read, window, conversation.memberCount, (last, nextPage) =>
      encodeCursor({ kind: 'g', scope: conversationId, page: nextPage, position: { user: last.userId } }),
    );
    return page;
  }
}

/** The members of a direct conversation (two, or one in notes), who hold no member rows: plain members. */
function directMembers(conversation: Conversation): Member[] {
  return pairOf(conversation).map((userId) => ({ userId, role: 'member', addedAt: conversation.createdAt }));
}
