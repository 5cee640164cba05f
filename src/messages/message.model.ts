export interface Message {
  /** A timeuuid: unique, and ordered by the time the message was sent. */
  readonly id: string;
  readonly conversationId: string;
  readonly senderId: number;
  /** The other member of a direct conversation; null in a group. */
  readonly receiverId: number | null;
  readonly content: string;
  readonly createdAt: Date;
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
