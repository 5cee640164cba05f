import { GatewayMetadata } from '@nestjs/websockets';
import { MAX_INBOUND_PACKET_BYTES } from './socket-limits';

/**
 * The options of the one socket.io server every gateway shares (path /socket.io, on the API's port). Every
 * gateway names the same options, since whichever Nest sets up first creates the server.
 */
export const EVENTS_SOCKET_OPTIONS: GatewayMetadata = {
  serveClient: false,
  transports: ['websocket'],
  maxHttpBufferSize: MAX_INBOUND_PACKET_BYTES,
};
