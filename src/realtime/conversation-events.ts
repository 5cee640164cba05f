import { Injectable, Logger } from '@nestjs/common';
import { toMessageDto } from '../messages/message.mapper';
import { Message } from '../messages/message.model';
import { EventsGateway, EventsServer } from './events.gateway';
import { EVENT_VERSION, userRoom } from './realtime-events';

/**
 * What services tell the connected members of a conversation. Fire and forget: a send never waits on the
 * broker, and a failure to deliver is logged, never returned (clients catch up from history).
 */
@Injectable()
export class ConversationEvents {
  private readonly logger = new Logger(ConversationEvents.name);

  constructor(private readonly gateway: EventsGateway) {}

  messageCreated(message: Message, memberIds: readonly number[]): void {
    // Scripts run the services without an HTTP server, so without sockets to tell.
    const server = this.gateway.server as EventsServer | undefined;
    if (!server) return;
    try {
      server.to(memberIds.map(userRoom)).emit('message.created', {
        v: EVENT_VERSION,
        conversation_id: message.conversationId,
        message: toMessageDto(message),
      });
    } catch (error) {
      this.logger.warn(`message.created of ${message.id} not delivered: ${String(error)}`);
    }
  }
}
