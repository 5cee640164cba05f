import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Socket } from 'socket.io';
import { userCaller, viewerOf } from '../common/auth/caller';
import { forEachLimited } from '../common/concurrency';
import { withDeadline } from '../common/deadline/request-deadline';
import { NotFoundError } from '../common/errors/domain-errors';
import { AppConfig } from '../config/app-config';
import { MessageDto } from './dto/message.dto';
import { toMessageDto } from './message.mapper';
import { HistoryService } from './history.service';
import { parseSyncRequest, SYNC_MESSAGES_PER_CONVERSATION } from './sync-request';
import { EVENTS_SOCKET_OPTIONS } from '../realtime/gateway-options';

type SyncedConversation =
  | { conversation_id: string; status: 'ok'; messages: MessageDto[]; has_more: boolean }
  | { conversation_id: string; status: 'not_found' | 'unavailable' };

export type SyncAnswer =
  { v: 1; conversations: SyncedConversation[] } | { v: 1; error: { code: 'bad_request'; message: string } };

/**
 * Catch-up after a reconnect, on the events socket: `sync` with the newest message the client has in each
 * conversation answers (as the event's acknowledgement) what it missed, read from Cassandra, oldest first,
 * up to 100 per conversation (`has_more`: sync again from the last one). Live events keep arriving meanwhile;
 * message ids let the client drop what it already has. The handshake was authenticated by EventsGateway.
 */
@WebSocketGateway(EVENTS_SOCKET_OPTIONS)
export class SyncGateway {
  private readonly logger = new Logger(SyncGateway.name);
  private readonly deadlineMs: number;

  constructor(
    private readonly history: HistoryService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.deadlineMs = config.get('http', { infer: true }).requestDeadlineMs;
  }

  @SubscribeMessage('sync')
  sync(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SyncAnswer> {
    const positions = parseSyncRequest(body);
    if (typeof positions === 'string') {
      return Promise.resolve({ v: 1, error: { code: 'bad_request', message: positions } });
    }
    const caller = userCaller((socket.data as { userId: number }).userId);
    return withDeadline(this.deadlineMs, async (): Promise<SyncAnswer> => {
      const answers: SyncedConversation[] = [];
      await forEachLimited(positions, 8, async ({ conversationId, afterId }) => {
        try {
          const found = await this.history.listAfter(
            conversationId,
            caller,
            afterId,
            SYNC_MESSAGES_PER_CONVERSATION,
          );
          answers.push({
            conversation_id: conversationId,
            status: 'ok',
            messages: found.messages.map((message) => toMessageDto(message, viewerOf(caller))),
            has_more: found.hasMore,
          });
        } catch (error) {
          if (!(error instanceof NotFoundError))
            this.logger.warn(`sync of ${conversationId} failed: ${String(error)}`);
          answers.push({
            conversation_id: conversationId,
            status: error instanceof NotFoundError ? 'not_found' : 'unavailable',
          });
        }
      });
      // In the order asked.
      const order = new Map(positions.map((position, index) => [position.conversationId, index]));
      answers.sort((a, b) => (order.get(a.conversation_id) ?? 0) - (order.get(b.conversation_id) ?? 0));
      return { v: 1, conversations: answers };
    });
  }
}
