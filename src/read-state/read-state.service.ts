import { Injectable } from '@nestjs/common';
import { Caller, userIdOf } from '../common/auth/caller';
import { InvalidRequestError } from '../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { isUserPosition } from '../common/pagination/user-position';
import { Page, pageFrom } from '../common/pagination/page';
import { PageRequest, pageWindow } from '../common/pagination/page-window';
import { compareTimeUuids } from '../common/time/time-uuid';
import { ConversationsService } from '../conversations/conversations.service';
import { ReadPositionsService } from '../conversations/read-positions.service';
import { ConversationEvents } from '../realtime/conversation-events';

/** One member's read position: the newest message they have read, if any. */
export interface ReadPosition {
  readonly userId: number;
  readonly lastReadMessageId: string | null;
}

@Injectable()
export class ReadStateService {
  constructor(
    private readonly positions: ReadPositionsService,
    private readonly conversations: ConversationsService,
    private readonly events: ConversationEvents,
  ) {}

  /**
   * Moves the caller's read position forward to a message; an older one than the position changes nothing.
   * When the position moved, the members' sockets are told (`read`).
   */
  async markRead(caller: Caller, conversationId: string, messageId: string): Promise<void> {
    const { conversation } = await this.conversations.assertMember(conversationId, caller);
    const newest = conversation.lastMessage?.id;
    if (newest === undefined || compareTimeUuids(messageId, newest) > 0) {
      throw new InvalidRequestError(
        `message_id ${messageId} is newer than the newest message of conversation ${conversationId}`,
      );
    }
    const userId = userIdOf(caller);
    await this.positions.moveForward(conversationId, userId, messageId);
    if ((await this.positions.positionOf(conversationId, userId)) !== messageId) return;
    const members = await this.conversations.members(conversation);
    this.events.read(
      conversationId,
      members.map((member) => member.userId),
      userId,
      messageId,
    );
  }

  /** A page of the members' read positions, in user id order (members who read nothing have null). */
  async listReadState(
    conversationId: string,
    caller: Caller,
    request: PageRequest,
  ): Promise<Page<ReadPosition>> {
    const { conversation } = await this.conversations.assertMember(conversationId, caller);
    const window = pageWindow(request, (raw) => decodeCursor(raw, 'r', conversationId, isUserPosition));
    const after = window.after?.user ?? 0;
    // At most MAX_GROUP_MEMBERS members: two partition slices at most.
    const members = (await this.conversations.members(conversation))
      .map((member) => member.userId)
      .sort((a, b) => a - b);
    const read = members.filter((id) => id > after).slice(0, window.offset + window.limit + 1);
    const positions =
      read.length === 0
        ? new Map<number, string>()
        : await this.positions.positionsBetween(conversationId, read[0], read[read.length - 1]);
    return pageFrom(
      read.map((userId) => ({ userId, lastReadMessageId: positions.get(userId) ?? null })),
      window,
      members.length,
      (last, nextPage) =>
        encodeCursor({ kind: 'r', scope: conversationId, page: nextPage, position: { user: last.userId } }),
    );
  }
}
