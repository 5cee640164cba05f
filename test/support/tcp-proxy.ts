import { AddressInfo, createServer, Server, Socket } from 'node:net';

/** A CQL native-protocol (v4) frame header: version, flags, stream (int16), opcode, body length (int32). */
const HEADER_BYTES = 9;

/**
 * A TCP relay in front of the Cassandra node, so a test can cut the database off and bring it back, slow its
 * answers down, or lose them while the statements still reach the node (and are applied).
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;
  /** Bytes relayed from the service to the node: whether statements are still being sent. */
  bytesToNode = 0;
  /** Each answer is held this long before it is passed on. */
  answerDelayMs = 0;
  /** Answers still passed on; the ones after are thrown away (Infinity: all pass). */
  private answersLeft = Number.POSITIVE_INFINITY;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      upstream.connect(this.targetPort, this.targetHost);
      client.on('data', (chunk: Buffer) => {
        this.bytesToNode += chunk.length;
        upstream.write(chunk);
      });
      let pending = Buffer.alloc(0);
      upstream.on('data', (chunk: Buffer) => {
        // Whole frames only, so a lost answer never leaves half a frame on the connection.
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= HEADER_BYTES) {
          const length = HEADER_BYTES + pending.readInt32BE(5);
          if (pending.length < length) break;
          const frame = pending.subarray(0, length);
          pending = pending.subarray(length);
          this.relayAnswer(client, frame);
        }
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private relayAnswer(client: Socket, frame: Buffer): void {
    // Server-pushed events (stream -1) are not answers to statements.
    if (frame.readInt16BE(2) >= 0) {
      if (this.answersLeft <= 0) return;
      this.answersLeft -= 1;
    }
    if (this.answerDelayMs > 0) setTimeout(() => client.write(frame), this.answerDelayMs);
    else client.write(frame);
  }

  /** Passes on the next `count` answers, then throws the rest away until restoreAnswers. */
  loseAnswersAfter(count: number): void {
    this.answersLeft = count;
  }

  restoreAnswers(): void {
    this.answersLeft = Number.POSITIVE_INFINITY;
  }

  /** Refuses new connections and drops the open ones, as a database that went away. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  async stop(): Promise<void> {
    await this.cut();
  }
}
