import { Injectable, Logger } from '@nestjs/common';
import { Caller } from '../common/auth/caller';
import { Conversation } from '../conversations/conversation.model';
import { toMessageDto } from '../messages/message.mapper';
import { Message } from '../messages/message.model';
import { EventsGateway, EventsServer } from './events.gateway';
import { EVENT_VERSION, GroupFacts, ServerToClientEvents, userRoom } from './realtime-events';

/** The events of a conversation (the session events are a socket's own). */
type EventName = Exclude<keyof ServerToClientEvents, 'session.expired' | 'session.revoked' | 'client.error'>;
type PayloadOf<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

function factsOf(group: Conversation, by: Caller): GroupFacts {
  return {
    v: EVENT_VERSION,
    conversation_id: group.id,
    title: group.title ?? null,
    member_count: group.memberCount,
    changed_by: by.kind === 'user' ? by.userId : null,
  };
}

/**
 * What services tell the connected members of a conversation. Fire and forget: a request never waits on the
 * broker, and a failure to deliver is logged, never returned (clients catch up from history and lists).
 */
@Injectable()
export class ConversationEvents {
  private readonly logger = new Logger(ConversationEvents.name);

  constructor(private readonly gateway: EventsGateway) {}

  messageCreated(message: Message, memberIds: readonly number[]): void {
    this.tell(memberIds, 'message.created', {
      v: EVENT_VERSION,
      conversation_id: message.conversationId,
      message: toMessageDto(message),
    });
  }

  /** An edit: the message as it now reads. */
  messageUpdated(message: Message, memberIds: readonly number[]): void {
    this.tell(memberIds, 'message.updated', {
      v: EVENT_VERSION,
      conversation_id: message.conversationId,
      message: toMessageDto(message),
    });
  }

  messageDeleted(conversationId: string, messageId: string, memberIds: readonly number[], by: number): void {
    this.tell(memberIds, 'message.deleted', {
      v: EVENT_VERSION,
      conversation_id: conversationId,
      message_id: messageId,
      deleted_by: by,
    });
  }

  reaction(
    event: 'reaction.added' | 'reaction.removed',
    reaction: { conversationId: string; messageId: string; emoji: string; userId: number },
    memberIds: readonly number[],
  ): void {
    this.tell(memberIds, event, {
      v: EVENT_VERSION,
      conversation_id: reaction.conversationId,
      message_id: reaction.messageId,
      emoji: reaction.emoji,
      user_id: reaction.userId,
    });
  }

  groupCreated(group: Conversation, memberIds: readonly number[], by: Caller): void {
    this.tell(memberIds, 'conversation.created', factsOf(group, by));
  }

  groupRenamed(group: Conversation, memberIds: readonly number[], by: Caller): void {
    this.tell(memberIds, 'conversation.updated', factsOf(group, by));
  }

  membersAdded(
    group: Conversation,
    memberIds: readonly number[],
    added: readonly number[],
    by: Caller,
  ): void {
    this.tell(memberIds, 'members.added', { ...factsOf(group, by), user_ids: added });
  }

  /** Told to the remaining members and to the removed user. */
  memberRemoved(group: Conversation, memberIds: readonly number[], removed: number, by: Caller): void {
    const left = by.kind === 'user' && by.userId === removed;
    this.tell([...memberIds, removed], 'member.removed', { ...factsOf(group, by), user_id: removed, left });
  }

  /** A member's read position moved: told to every member (for "seen by") and the reader's other devices. */
  read(conversationId: string, memberIds: readonly number[], userId: number, messageId: string): void {
    this.tell(memberIds, 'read', {
      v: EVENT_VERSION,
      conversation_id: conversationId,
      user_id: userId,
      message_id: messageId,
    });
  }

  /** Told to the other members only. */
  typing(conversationId: string, memberIds: readonly number[], userId: number): void {
    this.tell(
      memberIds.filter((id) => id !== userId),
      'typing',
      { v: EVENT_VERSION, conversation_id: conversationId, user_id: userId },
    );
  }

  private tell<E extends EventName>(userIds: readonly number[], event: E, payload: PayloadOf<E>): void {
    // Scripts run the services without an HTTP server, so without sockets to tell.
    const server = this.gateway.server as EventsServer | undefined;
    if (!server || userIds.length === 0) return;
    try {
      (server.to(userIds.map(userRoom)).emit as (event: E, payload: PayloadOf<E>) => boolean)(event, payload);
    } catch (error) {
      this.logger.warn(`${event} of conversation ${payload.conversation_id} not delivered: ${String(error)}`);
    }
  }
}
