import { AttachmentSummary } from '../attachments/attachment.model';
import { Reaction } from './reactions';

export interface Message {
  /** A timeuuid: unique, and ordered by the time the message was sent. */
  readonly id: string;
  readonly conversationId: string;
  readonly senderId: number;
  /** The other member of a direct conversation; null in a group. */
  readonly receiverId: number | null;
  /** Empty once deleted. */
  readonly content: string;
  readonly createdAt: Date;
  /** When the author last edited it; null if never (or deleted). */
  readonly editedAt: Date | null;
  /** A deleted message stays in history as a placeholder without content. */
  readonly deleted: boolean;
  /** Every user's reactions, by emoji (see reactions.ts). */
  readonly reactions: readonly Reaction[];
  /** The message this one replies to; null if it is no reply. */
  readonly replyTo: ReplyTo | null;
  /** Files sent with it, in the order given (see src/attachments). */
  readonly attachments: readonly AttachmentSummary[];
}

/** What a reply shows of the message it answers, as that message reads now. */
export interface QuotedMessage {
  readonly senderId: number;
  /** The start of its content (see quotes.ts); empty once deleted. */
  readonly excerpt: string;
  readonly deleted: boolean;
}

/** The message a reply answers: where it is stored, and how it reads now once read (null until then). */
export interface ReplyTo {
  readonly messageId: string;
  readonly bucket: number;
  readonly quote: QuotedMessage | null;
}

/** A stored message, where it is, and the write time (µs) of its content, which an edit must pass. */
export interface LocatedMessage {
  readonly message: Message;
  readonly bucket: number;
  readonly contentWrittenAt: number;
}

/** A place in a conversation's history: a message id (exclusive bound). */
export interface HistoryPosition {
  readonly id: string;
}

/** A send that names its client_message_id: what claims it, so a retry finds the same message. */
export interface SendRequest {
  readonly conversationId: string;
  readonly senderId: number;
  readonly clientMessageId: string;
  readonly messageId: string;
  /** The bucket the message goes to (see message-bucket.ts). */
  readonly bucket: number;
  readonly contentSha256: Buffer;
}

/** A stored message, and whether this request replayed an earlier one with the same client_message_id. */
export interface SendOutcome {
  readonly message: Message;
  readonly replayed: boolean;
}
