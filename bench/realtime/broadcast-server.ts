/**
 * A bare broadcast server for bench/realtime.ts, with either library: `tsx broadcast-server.ts ws|socket.io`.
 * It listens on a free port, says it on IPC ({ port }), then on each IPC { broadcast: text } sends the text to
 * every connected client, and answers IPC { memory: true } with its resident set size in bytes.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { WebSocketServer, WebSocket } from 'ws';

const library = process.argv[2];
const http = createServer();
let broadcast: (text: string) => void;
if (library === 'ws') {
  const wss = new WebSocketServer({ server: http });
  broadcast = (text) => {
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
  };
} else {
  const io = new Server(http, { serveClient: false, transports: ['websocket'] });
  io.on('connection', (socket) => void socket.join('everyone'));
  broadcast = (text) => io.to('everyone').emit('message', text);
}
http.listen(0, '127.0.0.1', () => process.send?.({ port: (http.address() as AddressInfo).port }));
process.on('message', (message: { broadcast?: string; memory?: boolean }) => {
  if (message.broadcast !== undefined) broadcast(message.broadcast);
  if (message.memory) process.send?.({ rss: process.memoryUsage().rss });
});
