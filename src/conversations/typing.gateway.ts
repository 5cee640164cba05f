import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Socket } from 'socket.io';
import { userCaller } from '../common/auth/caller';
import { NotFoundError } from '../common/errors/domain-errors';
import { ConversationEvents } from '../realtime/conversation-events';
import { ConversationsService } from './conversations.service';
import { parseTypingRequest, TypingThrottle } from './typing';
import { EVENTS_SOCKET_OPTIONS } from '../realtime/gateway-options';

export type TypingAnswer =
  | { v: 1; ok: true }
  | { v: 1; error: { code: 'bad_request' | 'not_found' | 'unavailable'; message: string } }
  | { v: 1; error: { code: 'rate_limited'; message: string; retry_after_ms: number } };

interface TypingSocketData {
  userId: number;
  typing?: TypingThrottle;
}

/**
 * Typing notices, on the events socket: `typing` { conversation_id } from a member is passed on to the other
 * members' sockets as a `typing` event, at most once per socket and conversation every few seconds. Never
 * stored. The acknowledgement says whether it was passed on.
 */
@WebSocketGateway(EVENTS_SOCKET_OPTIONS)
export class TypingGateway {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly events: ConversationEvents,
  ) {}

  @SubscribeMessage('typing')
  async typing(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<TypingAnswer> {
    const request = parseTypingRequest(body);
    if (typeof request === 'string') return { v: 1, error: { code: 'bad_request', message: request } };
    const data = socket.data as TypingSocketData;
    data.typing ??= new TypingThrottle();
    const admitted = data.typing.admit(request.conversationId, Date.now());
    if (admitted !== true) {
      return {
        v: 1,
        error: {
          code: 'rate_limited',
          message: 'one typing notice per conversation every 3 s is passed on',
          retry_after_ms: admitted,
        },
      };
    }
    try {
      const { conversation } = await this.conversations.assertMember(
        request.conversationId,
        userCaller(data.userId),
      );
      const members = await this.conversations.members(conversation);
      this.events.typing(
        conversation.id,
        members.map((member) => member.userId),
        data.userId,
      );
      return { v: 1, ok: true };
    } catch (error) {
      if (error instanceof NotFoundError)
        return { v: 1, error: { code: 'not_found', message: error.message } };
      return {
        v: 1,
        error: { code: 'unavailable', message: 'the notice could not be passed on; it is not retried' },
      };
    }
  }
}
