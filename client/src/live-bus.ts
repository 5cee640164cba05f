import { Message } from './api';
import { MembershipChange, ReactionChange } from './live';

type Listener<A extends unknown[]> = (...args: A) => void;

/** One kind of event, fanned out to whoever listens for it. */
class Channel<A extends unknown[]> {
  private readonly listeners = new Set<Listener<A>>();

  listen(listener: Listener<A>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...args: A): void {
    for (const listener of this.listeners) listener(...args);
  }
}

/** Live events fanned out to the parts of the page that show them, and the one thing the page sends. */
export class LiveBus {
  readonly messages = new Channel<[Message]>();
  readonly removals = new Channel<[conversationId: string, messageId: string]>();
  readonly reactions = new Channel<[ReactionChange]>();
  readonly memberships = new Channel<[MembershipChange]>();
  readonly typings = new Channel<[conversationId: string, userId: number]>();
  readonly reads = new Channel<[conversationId: string, userId: number, messageId: string]>();
  readonly reconnects = new Channel<[]>();
  /** Set once the socket is made. */
  typing: (conversationId: string) => void = () => undefined;
}
