import { Injectable } from '@nestjs/common';
import { mapLimited } from '../common/concurrency';
import { Message, ReplyTo } from './message.model';
import { MessagesRepository } from './messages.repository';
import { quoteOf } from './quotes';

/** Reads side by side, per page: at most one per distinct original on it. */
const QUOTE_READS_AT_ONCE = 8;

const keyOf = (conversationId: string, messageId: string) => `${conversationId}/${messageId}`;

/**
 * A reply stores where its original is, not a copy of it: the quote is read when the reply is, so it shows the
 * original as it is now, edited or deleted, and an edit or a delete writes nothing to the replies.
 */
@Injectable()
export class ReplyQuotesService {
  constructor(private readonly repository: MessagesRepository) {}

  /** The messages, each reply with its original's quote: one read by the whole key per distinct original. */
  async attach(messages: readonly Message[]): Promise<Message[]> {
    const originals = new Map<string, { conversationId: string; replyTo: ReplyTo }>();
    for (const { conversationId, replyTo } of messages) {
      if (replyTo && !replyTo.quote)
        originals.set(keyOf(conversationId, replyTo.messageId), { conversationId, replyTo });
    }
    if (originals.size === 0) return [...messages];
    const read = await mapLimited([...originals.entries()], QUOTE_READS_AT_ONCE, async ([key, original]) => {
      const located = await this.repository.readMessage(
        original.conversationId,
        original.replyTo.bucket,
        original.replyTo.messageId,
      );
      return [key, located ? quoteOf(located.message) : null] as const;
    });
    const quotes = new Map(read);
    return messages.map((message) =>
      message.replyTo && !message.replyTo.quote
        ? {
            ...message,
            replyTo: {
              ...message.replyTo,
              quote: quotes.get(keyOf(message.conversationId, message.replyTo.messageId)) ?? null,
            },
          }
        : message,
    );
  }
}
