import { isTimeUuid } from '../common/time/time-uuid';

/** Conversations one `sync` may name, and messages it returns per conversation. */
export const MAX_SYNC_CONVERSATIONS = 50;
export const SYNC_MESSAGES_PER_CONVERSATION = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a client stands in each conversation it asks about: the newest message it has. */
export interface SyncPosition {
  readonly conversationId: string;
  readonly afterId: string;
}

/** The positions of a `sync` event's payload, or the problem with it (a message for the client). */
export function parseSyncRequest(body: unknown): SyncPosition[] | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'sync takes { conversations: [{ conversation_id, after }] }';
  }
  const { conversations, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `sync does not take ${unknown.join(', ')}`;
  if (
    !Array.isArray(conversations) ||
    conversations.length < 1 ||
    conversations.length > MAX_SYNC_CONVERSATIONS
  ) {
    return `conversations must be an array of 1 to ${MAX_SYNC_CONVERSATIONS} positions`;
  }
  const positions: SyncPosition[] = [];
  for (const [index, entry] of conversations.entries()) {
    const { conversation_id: conversationId, after, ...extra } = (entry ?? {}) as Record<string, unknown>;
    if (typeof entry !== 'object' || entry === null || Object.keys(extra).length > 0) {
      return `conversations[${index}] must be { conversation_id, after }`;
    }
    if (typeof conversationId !== 'string' || !UUID.test(conversationId)) {
      return `conversations[${index}].conversation_id must be a UUID`;
    }
    if (!isTimeUuid(after)) return `conversations[${index}].after must be a message id`;
    if (positions.some((position) => position.conversationId === conversationId)) {
      return `conversations[${index}].conversation_id is named twice`;
    }
    positions.push({ conversationId, afterId: after });
  }
  return positions;
}
