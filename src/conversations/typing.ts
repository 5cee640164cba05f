/** At most one typing notice per socket and conversation is passed on in this interval; clients show one this long. */
export const TYPING_INTERVAL_MS = 3_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The conversation id of a `typing` event's payload, or the problem with it (a message for the client). */
export function parseTypingRequest(body: unknown): { conversationId: string } | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'typing takes { conversation_id }';
  }
  const { conversation_id: conversationId, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `typing does not take ${unknown.join(', ')}`;
  if (typeof conversationId !== 'string' || !UUID.test(conversationId)) {
    return 'conversation_id must be a UUID';
  }
  return { conversationId: conversationId.toLowerCase() };
}

/**
 * When each conversation was last typed in by one socket, so a notice is passed on at most once per interval.
 * Entries older than the interval are dropped as new ones come, so it stays as small as the socket's activity.
 */
export class TypingThrottle {
  private readonly lastPassed = new Map<string, number>();

  constructor(private readonly intervalMs = TYPING_INTERVAL_MS) {}

  /** True if a notice in this conversation at `nowMs` is passed on; otherwise the ms until one would be. */
  admit(conversationId: string, nowMs: number): true | number {
    const last = this.lastPassed.get(conversationId);
    if (last !== undefined && nowMs - last < this.intervalMs) return this.intervalMs - (nowMs - last);
    if (this.lastPassed.size >= 64) {
      for (const [id, at] of this.lastPassed) if (nowMs - at >= this.intervalMs) this.lastPassed.delete(id);
    }
    this.lastPassed.set(conversationId, nowMs);
    return true;
  }
}
