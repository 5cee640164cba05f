import { Injectable } from '@nestjs/common';
import { Caller, userIdOf } from '../common/auth/caller';
import { mapLimited } from '../common/concurrency';
import { Page } from '../common/pagination/page';
import { PageRequest } from '../common/pagination/page-window';
import { compareTimeUuids } from '../common/time/time-uuid';
import { CountedConversation, ListedConversation } from '../conversations/conversation.model';
import { ConversationsService } from '../conversations/conversations.service';
import { UnreadCountsService } from '../messages/unread-counts.service';

/** Unread counts of one page computed at once: each is a few single-partition reads. */
export const COUNT_CONCURRENCY = 16;
/** The badge looks at this many of a user's most recently active conversations. */
export const UNREAD_TOTAL_WINDOW = 100;

/** How many of a user's conversations hold unread messages, for a badge. */
export interface UnreadTotal {
  readonly conversations: number;
  /** False when the user has more conversations than the badge looks at (UNREAD_TOTAL_WINDOW). */
  readonly complete: boolean;
}

/** Whether messages follow the reader's position: the newest message is newer than it. */
function hasUnread({ view, lastReadMessageId }: ListedConversation): boolean {
  const last = view.conversation.lastMessage;
  if (last === undefined) return false;
  return lastReadMessageId === null || compareTimeUuids(last.id, lastReadMessageId) > 0;
}

/**
 * Conversations as their members see them: the list and the details with each reader's unread count. A
 * count reads the messages after the read position (see unread-count.ts), only where the newest message is
 * newer than the position, so a page of read conversations costs what it did without counts.
 */
@Injectable()
export class ConversationListsService {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly unread: UnreadCountsService,
  ) {}

  async listForUser(
    userId: number,
    caller: Caller,
    request: PageRequest,
  ): Promise<Page<CountedConversation>> {
    const page = await this.conversations.listForUser(userId, caller, request);
    const data = await mapLimited(page.data, COUNT_CONCURRENCY, (listed) => this.counted(listed, userId));
    return { ...page, data };
  }

  async details(
    conversationId: string,
    caller: Caller,
  ): Promise<{ counted: CountedConversation; messageCount: number }> {
    const { listed, messageCount } = await this.conversations.getConversationDetails(conversationId, caller);
    const counted =
      caller.kind === 'user' ? await this.counted(listed, caller.userId) : { ...listed, unreadCount: null };
    return { counted, messageCount };
  }

  /**
   * Conversations with unread messages among the user's UNREAD_TOTAL_WINDOW most recently active: one read
   * of their list, and no count.
   */
  async unreadTotal(caller: Caller): Promise<UnreadTotal> {
    const page = await this.conversations.listForUser(userIdOf(caller), caller, {
      limit: UNREAD_TOTAL_WINDOW,
    });
    return { conversations: page.data.filter(hasUnread).length, complete: page.nextCursor === null };
  }

  private async counted(listed: ListedConversation, readerId: number): Promise<CountedConversation> {
    if (!hasUnread(listed)) return { ...listed, unreadCount: 0 };
    const id = listed.view.conversation.id;
    return { ...listed, unreadCount: await this.unread.count(id, readerId, listed.lastReadMessageId) };
  }
}
