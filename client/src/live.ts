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

/** A group was made, renamed, or gained or lost members; `removed` is the member who is gone, if any. */
export interface MembershipChange {
  readonly conversation_id: string;
  readonly removed?: number;
}

export interface LiveHandlers {
  readonly message: (message: Message) => void;
  readonly reaction: (change: ReactionChange) => void;
  readonly removed: (conversationId: string, messageId: string) => void;
  readonly membership: (change: MembershipChange) => void;
  readonly typing: (conversationId: string, userId: number) => void;
  readonly read: (conversationId: string, userId: number, messageId: string) => void;
  /** Connected (again): whatever happened meanwhile is to be caught up through the API. */
  readonly connected: () => void;
  readonly disconnected: () => void;
}

export interface Live {
  /** Tells the other members that the user is typing; the server passes one on every 3 s. */
  readonly typing: (conversationId: string) => void;
  readonly close: () => void;
}

interface ConversationEvent {
  readonly conversation_id: string;
}

/** The user's socket: events of every conversation they are in; reconnects by itself with a fresh token. */
export function connectLive(session: Session, on: LiveHandlers): Live {
  const socket: Socket = io({ transports: ['websocket'], auth: (give) => give({ token: session.token }) });
  socket.on('connect', on.connected);
  socket.on('disconnect', on.disconnected);
  socket.on('connect_error', on.disconnected);
  socket.on('message.created', ({ message }: { message: Message }) => on.message(message));
  socket.on('message.updated', ({ message }: { message: Message }) => on.message(message));
  socket.on('message.deleted', (event: ConversationEvent & { message_id: string }) =>
    on.removed(event.conversation_id, event.message_id),
  );
  for (const [event, added] of [
    ['reaction.added', true],
    ['reaction.removed', false],
  ] as const) {
    socket.on(event, (change: Omit<ReactionChange, 'added'>) => on.reaction({ ...change, added }));
  }
  for (const event of ['conversation.created', 'conversation.updated', 'members.added']) {
    socket.on(event, ({ conversation_id }: ConversationEvent) => on.membership({ conversation_id }));
  }
  socket.on('member.removed', (event: ConversationEvent & { user_id: number }) =>
    on.membership({ conversation_id: event.conversation_id, removed: event.user_id }),
  );
  socket.on('typing', (event: ConversationEvent & { user_id: number }) =>
    on.typing(event.conversation_id, event.user_id),
  );
  socket.on('read', (event: ConversationEvent & { user_id: number; message_id: string }) =>
    on.read(event.conversation_id, event.user_id, event.message_id),
  );
  // The server closes a socket whose token expired: refresh, and the next attempt uses the new one.
  socket.on('session.expired', () => void session.refresh().catch(() => undefined));
  const stop = session.onRefresh(() => {
    if (!socket.connected) socket.connect();
  });
  const lastTyping = new Map<string, number>();
  return {
    typing: (conversationId) => {
      const now = Date.now();
      // Sooner than the server passes notices on, they would only be refused.
      if (!socket.connected || now - (lastTyping.get(conversationId) ?? 0) < 3_000) return;
      lastTyping.set(conversationId, now);
      socket.emit('typing', { conversation_id: conversationId }, () => undefined);
    },
    close: () => {
      stop();
      socket.close();
    },
  };
}
