import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Caller } from '../common/auth/caller';
import { InvalidRequestError } from '../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { pageWindow, PageRequest } from '../common/pagination/page-window';
import { pageFrom } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { newTimeUuid } from '../common/time/time-uuid';
import { UsersService } from '../users/users.service';
import {
  Conversation,
  ConversationView,
  MAX_GROUP_MEMBERS,
  Member,
  MIN_GROUP_MEMBERS,
} from './conversation.model';
import { ConversationsRepository } from './conversations.repository';
import { ConversationsService } from './conversations.service';

export interface MemberPage {
  /** The conversation's member_count. */
  readonly total: number;
  readonly page: number;
  readonly limit: number;
  readonly data: Member[];
  readonly nextCursor: string | null;
}

const isMemberPosition = (value: unknown): value is { user: number } =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as { user?: unknown }).user) &&
  ((value as { user: number }).user ?? 0) > 0;

@Injectable()
export class GroupsService {
  private readonly logger = new Logger(GroupsService.name);

  constructor(
    private readonly repository: ConversationsRepository,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * A new group, the creator its owner. Written in the order that keeps a half-made group invisible: the
   * member rows, then the conversation row (which makes the group exist), then its entry in every member's
   * list, so it shows there before its first message.
   */
  async createGroup(ownerId: number, title: string, memberIds: readonly number[]): Promise<ConversationView> {
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
    await this.repository.insertGroup(group);
    const everyone = members.map((member) => member.userId);
    await this.repository.putEntries(group.id, newTimeUuid(createdAt), everyone);
    await this.repository.countNewConversation(everyone).catch((error: unknown) => {
      this.logger.warn(
        `Group ${group.id} created, but its members' counts were not all incremented: ${String(error)}`,
      );
    });
    return { conversation: group, role: 'owner' };
  }

  /** A page of a conversation's members in user id order; members only, like every read of it. */
  async listMembers(conversationId: string, caller: Caller, request: PageRequest): Promise<MemberPage> {
    const { conversation } = await this.conversations.assertMember(conversationId, caller);
    const window = pageWindow(request, (raw) => decodeCursor(raw, 'g', conversationId, isMemberPosition));
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

/** The two members of a direct conversation, who hold no member rows: both are plain members. */
function directMembers(conversation: Conversation): Member[] {
  return [conversation.user1Id, conversation.user2Id]
    .filter((id): id is number => id !== undefined)
    .map((userId) => ({ userId, role: 'member', addedAt: conversation.createdAt }));
}
