import { Message, QuotedMessage } from './message.model';

/** A quote shows the start of the message it answers: this many user-perceived characters at most. */
export const QUOTE_GRAPHEMES = 100;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The start of a text, cut between grapheme clusters so no emoji or accent is split. */
export function excerptOf(text: string, limit = QUOTE_GRAPHEMES): string {
  let count = 0;
  for (const { index } of graphemes.segment(text)) {
    if (count === limit) return text.slice(0, index);
    count += 1;
  }
  return text;
}

/** How a reply quotes `message` now: nothing of its content once it is deleted. */
export function quoteOf(message: Message): QuotedMessage {
  return {
    senderId: message.senderId,
    excerpt: message.deleted ? '' : excerptOf(message.content),
    deleted: message.deleted,
  };
}
