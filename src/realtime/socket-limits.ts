/**
 * What one socket may cost. socket.io's defaults let a client send 1 MB packets as fast as it likes and open
 * any number of sockets; these bounds keep one client from taking an instance's memory or CPU.
 */

/** The largest packet a client may send; a larger one closes the socket (a sync of 50 positions is ~5 KB). */
export const MAX_INBOUND_PACKET_BYTES = 64 * 1024;
/** Events a socket may send per second, on average, and at once. */
export const INBOUND_EVENTS_PER_SECOND = 10;
export const INBOUND_EVENTS_BURST = 20;
/** Sockets one user may hold at once, over all instances (one per device or tab). */
export const MAX_SOCKETS_PER_USER = 10;
/** Packets waiting to be written to one socket; past it, the client is not reading and is disconnected. */
export const MAX_QUEUED_PACKETS_PER_SOCKET = 1_000;

/** A token bucket: `take()` is true while the socket is within its rate. */
export class InboundRate {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond = INBOUND_EVENTS_PER_SECOND,
    private readonly burst = INBOUND_EVENTS_BURST,
    nowMs = Date.now(),
  ) {
    this.tokens = burst;
    this.refilledAt = nowMs;
  }

  take(nowMs = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.refilledAt) * this.perSecond) / 1000);
    this.refilledAt = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
