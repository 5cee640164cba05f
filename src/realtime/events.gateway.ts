import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Server, Socket } from 'socket.io';
import { AccessTokens, InvalidAccessToken } from '../auth/access-tokens';
import { SessionRevocations } from '../auth/session-revocations';
import {
  CLIENT_EVENTS,
  ClientErrorEvent,
  EVENT_VERSION,
  ServerToClientEvents,
  sessionRoom,
  userRoom,
} from './realtime-events';
import {
  INBOUND_EVENTS_BURST,
  INBOUND_EVENTS_PER_SECOND,
  InboundRate,
  MAX_QUEUED_PACKETS_PER_SOCKET,
  MAX_SOCKETS_PER_USER,
} from './socket-limits';
import { EVENTS_SOCKET_OPTIONS } from './gateway-options';

interface SocketData {
  userId: number;
  expiresAt: Date;
  sessionId?: string;
}

type EventsSocket = Socket<Record<string, never>, ServerToClientEvents, Record<string, never>, SocketData>;
export type EventsServer = Server<
  Record<string, never>,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** The access token of a handshake: socket.io's `auth: { token }`, or an `Authorization: Bearer` header. */
function tokenOf(socket: EventsSocket): string | undefined {
  const auth = socket.handshake.auth as Record<string, unknown>;
  if (typeof auth.token === 'string') return auth.token;
  const header = socket.handshake.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/** A refused handshake: the client's connect_error carries the message and `data.code`. */
function refusal(
  message: string,
  code: 'unauthorized' | 'too_many_sockets' = 'unauthorized',
): Error & { data: { code: string } } {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * The socket.io endpoint (path /socket.io, on the API's own port). A handshake must carry a valid access token
 * of a user, as the REST API does; the socket then joins its user's room and gets the events of every
 * conversation the user is a member of, until the token expires ("session.expired", then the socket closes)
 * or its sign-in is revoked ("session.revoked"). What one client may cost is bounded (socket-limits.ts).
 */
@WebSocketGateway(EVENTS_SOCKET_OPTIONS)
export class EventsGateway implements OnGatewayInit<EventsServer>, OnGatewayConnection<EventsSocket> {
  private readonly logger = new Logger(EventsGateway.name);
  @WebSocketServer() server!: EventsServer;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly revocations: SessionRevocations,
  ) {}

  afterInit(server: EventsServer): void {
    // Told on the instance that revoked the sign-in; the adapter reaches its sockets on every instance.
    this.revocations.onRevoked((sessionId) => {
      const sockets = server.in(sessionRoom(sessionId));
      sockets.emit('session.revoked', {
        v: EVENT_VERSION,
        reason: 'the sign-in was signed out or revoked: sign in again',
      });
      sockets.disconnectSockets(true);
    });
    server.use((socket, next) => {
      const token = tokenOf(socket);
      if (token === undefined) {
        next(refusal('an access token is required: connect with auth: { token: <access_token> }'));
        return;
      }
      try {
        const session = this.tokens.verifySession(token);
        socket.data.userId = session.userId;
        socket.data.expiresAt = session.expiresAt;
        socket.data.sessionId = session.sessionId;
      } catch (error) {
        if (!(error instanceof InvalidAccessToken)) this.logger.error(`Handshake failed: ${String(error)}`);
        next(refusal(error instanceof InvalidAccessToken ? error.message : 'the access token is invalid'));
        return;
      }
      void this.openSockets(server, socket.data.userId).then((open) =>
        next(
          open >= MAX_SOCKETS_PER_USER
            ? refusal(
                `a user may hold ${MAX_SOCKETS_PER_USER} sockets at once: close one first`,
                'too_many_sockets',
              )
            : undefined,
        ),
      );
    });
  }

  /** The user's sockets on every instance; this instance's alone while the others cannot be asked. */
  private async openSockets(server: EventsServer, userId: number): Promise<number> {
    try {
      return (await server.in(userRoom(userId)).fetchSockets()).length;
    } catch {
      return (await server.local.in(userRoom(userId)).fetchSockets()).length;
    }
  }

  async handleConnection(socket: EventsSocket): Promise<void> {
    this.limitInbound(socket);
    this.limitOutbound(socket);
    const { sessionId } = socket.data;
    await socket.join(
      sessionId === undefined
        ? userRoom(socket.data.userId)
        : [userRoom(socket.data.userId), sessionRoom(sessionId)],
    );
    const expiry = setTimeout(() => {
      socket.emit('session.expired', {
        v: EVENT_VERSION,
        reason: 'the access token expired: reconnect with a fresh one',
      });
      socket.disconnect(true);
    }, socket.data.expiresAt.getTime() - Date.now());
    socket.once('disconnect', () => clearTimeout(expiry));
  }

  /**
   * Events past the socket's rate, and events the server does not know, are dropped: one sent with an
   * acknowledgement is answered through it, any other with a `client.error` event.
   */
  private limitInbound(socket: EventsSocket): void {
    const rate = new InboundRate();
    socket.use((packet, next) => {
      const [event] = packet;
      let error: ClientErrorEvent['error'];
      if (!rate.take()) {
        error = {
          code: 'rate_limited',
          message: `a socket may send ${INBOUND_EVENTS_PER_SECOND} events per second (bursts of ${INBOUND_EVENTS_BURST}); this one was dropped`,
        };
      } else if (!CLIENT_EVENTS.includes(event)) {
        error = {
          code: 'unknown_event',
          message: `there is no event ${JSON.stringify(event).slice(0, 80)}: clients send ${CLIENT_EVENTS.join(', ')}`,
        };
      } else {
        next();
        return;
      }
      const ack: unknown = packet[packet.length - 1];
      if (typeof ack === 'function') (ack as (answer: ClientErrorEvent) => void)({ v: EVENT_VERSION, error });
      else socket.emit('client.error', { v: EVENT_VERSION, error });
    });
  }

  /**
   * A client that stops reading lets packets pile up in this instance's memory; past a bound it is
   * disconnected, and catches up with `sync` when it reconnects.
   */
  private limitOutbound(socket: EventsSocket): void {
    const connection = socket.conn;
    // engine.io queues a connection's packets in writeBuffer while its transport cannot take more; the field is
    // not in its typings, so it is read through a narrow view of the connection.
    const queue = connection as unknown as { writeBuffer: unknown[] };
    let closing = false;
    connection.on('packetCreate', () => {
      if (closing || queue.writeBuffer.length <= MAX_QUEUED_PACKETS_PER_SOCKET) return;
      closing = true;
      this.logger.warn(
        `Socket of user ${socket.data.userId} disconnected: ${queue.writeBuffer.length} packets unread`,
      );
      // Closed at once, the queue dropped: a goodbye packet would wait behind everything the client is not reading.
      connection.close(true);
    });
  }
}
