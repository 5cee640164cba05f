import { Message } from './api';
import { ReactionChange } from './live';

type Listener<A extends unknown[]> = (...args: A) => void;

/** Live events fanned out to the parts of the page that show them. */
export class LiveBus {
  private readonly messages = new Set<Listener<[Message]>>();
  private readonly removals = new Set<Listener<[string, string]>>();
  private readonly reconnects = new Set<Listener<[]>>();
  private readonly reactions = new Set<Listener<[ReactionChange]>>();

  onReaction(listener: Listener<[ReactionChange]>) {
    this.reactions.add(listener);
    return () => this.reactions.delete(listener);
  }
  reaction(change: ReactionChange) {
    for (const listener of this.reactions) listener(change);
  }

  onMessage(listener: Listener<[Message]>) {
    this.messages.add(listener);
    return () => this.messages.delete(listener);
  }
  onRemoved(listener: Listener<[string, string]>) {
    this.removals.add(listener);
    return () => this.removals.delete(listener);
  }
  onReconnect(listener: Listener<[]>) {
    this.reconnects.add(listener);
    return () => this.reconnects.delete(listener);
  }

  message(message: Message) {
    for (const listener of this.messages) listener(message);
  }
  removed(conversationId: string, messageId: string) {
    for (const listener of this.removals) listener(conversationId, messageId);
  }
  reconnected() {
    for (const listener of this.reconnects) listener();
  }
}
