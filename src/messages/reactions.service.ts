import { Injectable } from '@nestjs/common';
import { Caller, userIdOf } from '../common/auth/caller';
import { ConflictError, InvalidRequestError } from '../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { Page, pageFrom } from '../common/pagination/page';
import { PageRequest, pageWindow } from '../common/pagination/page-window';
import { isUserPosition } from '../common/pagination/user-position';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationEvents } from '../realtime/conversation-events';
import { MessagesRepository } from './messages.repository';
import { emojiOf, MAX_EMOJI_PER_MESSAGE } from './reactions';
import { requireMessage } from './require-message';

/**
 * Members' reactions to messages: one element per user and emoji in the message row's set, so reacting twice
 * stores one reaction and removing an absent one changes nothing.
 */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly conversations: ConversationsService,
    private readonly events: ConversationEvents,
  ) {}

  async react(caller: Caller, conversationId: string, messageId: string, emoji: string): Promise<void> {
    const { conversation } = await this.conversations.assertMember(conversationId, caller);
    const located = await requireMessage(this.repository, conversationId, messageId);
    if (located.message.deleted)
      throw new ConflictError(`message ${messageId} was deleted; a deleted message takes no reactions`);
    const userId = userIdOf(caller);
    if (located.message.reactions.some((r) => r.emoji === emoji && r.userId === userId)) return;
    const present = emojiOf(located.message.reactions);
    if (!present.has(emoji) && present.size >= MAX_EMOJI_PER_MESSAGE) {
      throw new InvalidRequestError(
        `message ${messageId} already has ${MAX_EMOJI_PER_MESSAGE} different emoji; react with one of them`,
      );
    }
    await this.repository.addReaction(located, { emoji, userId });
    const members = (await this.conversations.members(conversation)).map((member) => member.userId);
    this.events.reaction('reaction.added', { conversationId, messageId, emoji, userId }, members);
  }

  async unreact(caller: Caller, conversationId: string, messageId: string, emoji: string): Promise<void> {
    const { conversation } = await this.conversations.assertMember(conversationId, caller);
    const located = await requireMessage(this.repository, conversationId, messageId);
    const userId = userIdOf(caller);
    if (!located.message.reactions.some((r) => r.emoji === emoji && r.userId === userId)) return;
    await this.repository.removeReaction(located, { emoji, userId });
    const members = (await this.conversations.members(conversation)).map((member) => member.userId);
    this.events.reaction('reaction.removed', { conversationId, messageId, emoji, userId }, members);
  }

  /** Who reacted with an emoji, in user id order, paged like every list. */
  async listReactors(
    caller: Caller,
    conversationId: string,
    messageId: string,
    emoji: string,
    request: PageRequest,
  ): Promise<Page<number>> {
    await this.conversations.assertMember(conversationId, caller);
    const located = await requireMessage(this.repository, conversationId, messageId);
    const scope = `${messageId} ${emoji}`;
    const window = pageWindow(request, (raw) => decodeCursor(raw, 'e', scope, isUserPosition));
    const after = window.after?.user ?? 0;
    const reactors = located.message.deleted
      ? []
      : located.message.reactions
          .filter((reaction) => reaction.emoji === emoji)
          .map((reaction) => reaction.userId)
          .sort((a, b) => a - b);
    const below = reactors.filter((userId) => userId > after).slice(0, window.offset + window.limit + 1);
    return pageFrom(below, window, reactors.length, (last, nextPage) =>
      encodeCursor({ kind: 'e', scope, page: nextPage, position: { user: last } }),
    );
  }
}
