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

/** A place in a conversation's history: a day bucket and a message id in it (exclusive bound). */
export interface HistoryPosition {
  readonly bucket: number;
  readonly id: string;
}
