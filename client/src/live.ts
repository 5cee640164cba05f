import { io, Socket } from 'socket.io-client';
import { Message } from './api';
import { Session } from './session';

/** A member reacted to a message with an emoji, or took it back. */
export interface ReactionChange {
  readonly conversation_id: string;
  readonly message_id: string;
  readonly emoji: string;
  readonly user_id: number;
  readonly added: boolean;
}

export interface LiveHandlers {
  readonly message: (message: Message) => void;
  readonly reaction: (change: ReactionChange) => void;
  readonly removed: (conversationId: string, messageId: string) => void;
  /** Connected (again): whatever happened meanwhile is to be caught up through the API. */
  readonly connected: () => void;
  readonly disconnected: () => void;
}

/** The user's socket: events of every conversation they are in; reconnects by itself with a fresh token. */
export function connectLive(session: Session, on: LiveHandlers): () => void {
  const socket: Socket = io({ transports: ['websocket'], auth: (give) => give({ token: session.token }) });
  socket.on('connect', on.connected);
  socket.on('disconnect', on.disconnected);
  socket.on('connect_error', on.disconnected);
  socket.on('message.created', ({ message }: { message: Message }) => on.message(message));
  socket.on('message.updated', ({ message }: { message: Message }) => on.message(message));
  socket.on(
    'message.deleted',
    ({ conversation_id, message_id }: { conversation_id: string; message_id: string }) =>
      on.removed(conversation_id, message_id),
  );
  for (const [event, added] of [
    ['reaction.added', true],
    ['reaction.removed', false],
  ] as const) {
    socket.on(event, (change: Omit<ReactionChange, 'added'>) => on.reaction({ ...change, added }));
  }
  // The server closes a socket whose token expired: refresh, and the next attempt uses the new one.
  socket.on('session.expired', () => void session.refresh().catch(() => undefined));
  const stop = session.onRefresh(() => {
    if (!socket.connected) socket.connect();
  });
  return () => {
    stop();
    socket.close();
  };
}
