import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Server, Socket } from 'socket.io';
import { AccessTokens, InvalidAccessToken } from '../auth/access-tokens';
import { EVENT_VERSION, ServerToClientEvents, userRoom } from './realtime-events';

interface SocketData {
  userId: number;
  expiresAt: Date;
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
function refusal(message: string): Error & { data: { code: string } } {
  return Object.assign(new Error(message), { data: { code: 'unauthorized' } });
}

/**
 * The socket.io endpoint (path /socket.io, on the API's own port). A handshake must carry a valid access token
 * of a user, as the REST API does; the socket then joins its user's room and gets the events of every
 * conversation the user is a member of, until the token expires ("session.expired", then the socket closes).
 */
@WebSocketGateway({ serveClient: false, transports: ['websocket'] })
export class EventsGateway implements OnGatewayInit<EventsServer>, OnGatewayConnection<EventsSocket> {
  private readonly logger = new Logger(EventsGateway.name);
  @WebSocketServer() server!: EventsServer;

  constructor(private readonly tokens: AccessTokens) {}

  afterInit(server: EventsServer): void {
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
        next();
      } catch (error) {
        if (!(error instanceof InvalidAccessToken)) this.logger.error(`Handshake failed: ${String(error)}`);
        next(refusal(error instanceof InvalidAccessToken ? error.message : 'the access token is invalid'));
      }
    });
  }

  async handleConnection(socket: EventsSocket): Promise<void> {
    await socket.join(userRoom(socket.data.userId));
    const expiry = setTimeout(() => {
      socket.emit('session.expired', {
        v: EVENT_VERSION,
        reason: 'the access token expired: reconnect with a fresh one',
      });
      socket.disconnect(true);
    }, socket.data.expiresAt.getTime() - Date.now());
    socket.once('disconnect', () => clearTimeout(expiry));
  }
}
