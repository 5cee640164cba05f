import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace of this service's name-based conversation ids. Changing it would orphan every 1:1 conversation. */
const DIRECT_CONVERSATION_NAMESPACE = 'b8d5a0d6-54a7-4e8f-9a52-1f3f0c2e7d41';

/** The two participants of a 1:1 conversation in canonical order, lower id first. */
export function orderedPair(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}

/**
 * The id of the 1:1 conversation between two users, the same in either direction and on every
 * instance: two first messages sent at the same moment land in one conversation.
 */
export function directConversationId(a: number, b: number): string {
  const [low, high] = orderedPair(a, b);
  return uuidv5(`direct:${low}:${high}`, DIRECT_CONVERSATION_NAMESPACE);
}
