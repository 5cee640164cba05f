import { INestApplication } from '@nestjs/common';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { io, Socket } from 'socket.io-client';

/** A connected events socket and every event it received, in order, as [name, payload]. */
export interface EventSocket {
  readonly socket: Socket;
  readonly events: [string, unknown][];
  /** The payloads of one event, in order. */
  of(name: string): unknown[];
}

/** Opens and tracks the events sockets of a test, and closes them all at once. */
export class EventSockets {
  private readonly open: Socket[] = [];

  /** A socket of a user, once connected (rejects with the handshake's error). */
  async connect(url: string, token: string): Promise<EventSocket> {
    const socket = io(url, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
      forceNew: true,
    });
    this.open.push(socket);
    const events: [string, unknown][] = [];
    socket.onAny((name: string, payload: unknown) => events.push([name, payload]));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return {
      socket,
      events,
      of: (name) => events.filter(([event]) => event === name).map(([, payload]) => payload),
    };
  }

  /** The error of a handshake that must be refused. */
  refusal(url: string, auth: object): Promise<{ message: string; data: unknown }> {
    return new Promise((resolve, reject) => {
      const socket = io(url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
      this.open.push(socket);
      socket.once('connect', () => reject(new Error('the handshake was accepted')));
      socket.once('connect_error', (error: Error & { data?: unknown }) =>
        resolve({ message: error.message, data: error.data }),
      );
    });
  }

  closeAll(): void {
    for (const socket of this.open.splice(0)) socket.disconnect();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `done()` holds, or `ms` have passed (the assertions after it then say what is missing). */
export async function until(done: () => boolean, ms = 2000): Promise<void> {
  for (const started = Date.now(); !done() && Date.now() - started < ms;) await sleep(10);
}

/** Starts a test app's HTTP server (and so its events socket) on a free local port; returns its base URL. */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
}
