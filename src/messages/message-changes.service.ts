import { Inject, Injectable } from '@nestjs/common';
import { Caller, userIdOf } from '../common/auth/caller';
import { ConflictError, ForbiddenError } from '../common/errors/domain-errors';
import { Clock } from '../common/time/clock';
import { LastMessage } from '../conversations/conversation.model';
import { InboxMember } from '../conversations/inbox';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationEvents } from '../realtime/conversation-events';
import { Message } from './message.model';
import { MessagesRepository } from './messages.repository';
import { ReplyQuotesService } from './reply-quotes.service';
import { requireMessage } from './require-message';

/**
 * Edits and deletes of sent messages, decided by write times rather than by a read before the write: an edit
 * writes after the content it replaces, a delete at the largest write time. So an edit that lands after a
 * delete, in whatever order concurrent requests arrive, never brings content back (see SCHEMA.md).
 */
@Injectable()
export class MessageChangesService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly conversations: ConversationsService,
    private readonly events: ConversationEvents,
    private readonly quotes: ReplyQuotesService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Only the author edits; a deleted message is not edited (409), nor is one an edit lost to a delete. */
  async edit(caller: Caller, conversationId: string, messageId: string, content: string): Promise<Message> {
    const view = await this.conversations.assertMember(conversationId, caller);
    const located = await requireMessage(this.repository, conversationId, messageId);
    if (located.message.senderId !== userIdOf(caller))
      throw new ForbiddenError(
        `only its author (user ${located.message.senderId}) can edit message ${messageId}`,
      );
    if (located.message.deleted) throw deletedError(messageId);
    const editedAt = this.clock.now();
    // Later than the content's write time, whatever the clocks: a later edit replaces an earlier one.
    const atMicros = Math.max(editedAt.getTime() * 1000, located.contentWrittenAt + 1);
    await this.repository.editMessage(located, content, editedAt, atMicros);
    // Read back: a concurrent edit may have won, or a delete.
    const stored = await this.repository.readMessage(conversationId, located.bucket, messageId);
    if (!stored || stored.message.deleted) throw deletedError(messageId);
    // Read once, for both the preview's fan-out and the event.
    const members = await this.conversations.members(view.conversation);
    await this.conversations.reviseLatestMessage(
      view.conversation,
      previewOf(located.message, { content, revision: atMicros, deleted: false }),
      members,
    );
    const [edited] = await this.quotes.attach([stored.message]);
    this.events.messageUpdated(edited, idsOf(members));
    return edited;
  }

  /** By the author, or by a group's owner or admin; deleting a deleted message is a no-op. */
  async delete(caller: Caller, conversationId: string, messageId: string): Promise<void> {
    const view = await this.conversations.assertMember(conversationId, caller);
    const located = await requireMessage(this.repository, conversationId, messageId);
    if (located.message.deleted) return;
    const userId = userIdOf(caller);
    const moderates = view.conversation.kind === 'group' && (view.role === 'owner' || view.role === 'admin');
    if (located.message.senderId !== userId && !moderates) {
      throw new ForbiddenError(
        `only its author (user ${located.message.senderId}) or a group's owner or admin can delete message ${messageId}`,
      );
    }
    await this.repository.markDeleted(located);
    const members = await this.conversations.members(view.conversation);
    await this.conversations.reviseLatestMessage(
      view.conversation,
      previewOf(located.message, { content: '', revision: 0, deleted: true }),
      members,
    );
    this.events.messageDeleted(conversationId, messageId, idsOf(members), userId);
  }
}

const idsOf = (members: readonly InboxMember[]) => members.map((member) => member.userId);

function previewOf(
  message: Message,
  change: Pick<LastMessage, 'content' | 'revision' | 'deleted'>,
): LastMessage {
  return { id: message.id, at: message.createdAt, senderId: message.senderId, ...change };
}

function deletedError(messageId: string): ConflictError {
  return new ConflictError(`message ${messageId} was deleted; a deleted message cannot be edited`);
}
