import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server, ServerOptions } from 'socket.io';

/**
 * socket.io across instances: every event a server emits is published on Redis (@socket.io/redis-adapter) and
 * emitted by each instance to its own sockets in the named rooms. Delivery is best effort: while Redis is
 * away, publishing fails at once (no offline queue, so nothing piles up in memory) and is not retried; clients
 * catch up from history. The outage is logged once, and its end; ioredis reconnects by itself.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Redis');
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private down = false;

  constructor(app: INestApplicationContext, url: string) {
    super(app);
    this.publisher = new Redis(url, { enableOfflineQueue: false, lazyConnect: false });
    // The subscriber keeps its (few) subscribe commands queued until it is connected, and resubscribes after.
    this.subscriber = new Redis(url);
    const publish = this.publisher.publish.bind(this.publisher);
    this.publisher.publish = (channel: string, message: string) => publish(channel, message).catch(() => 0);
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.noteDown(error));
      client.on('ready', () => this.noteUp());
    }
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    // Requests to the other instances (counting a user's sockets) give up after 1 s while Redis is away.
    server.adapter(createAdapter(this.publisher, this.subscriber, { requestsTimeout: 1_000 }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private noteDown(error: Error): void {
    if (this.down) return;
    this.down = true;
    this.logger.warn(`Redis unavailable (${error.message}): events reach this instance's sockets only`);
  }

  private noteUp(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log('Redis available again: events reach every instance');
  }
}
