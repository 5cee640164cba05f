/** The latest message of a conversation, as the conversation row holds it. */
export interface LastMessage {
  /** The message's timeuuid; its time is the conversation's last activity. */
  readonly id: string;
  readonly at: Date;
  readonly senderId: number;
  readonly content: string;
}

/** A conversation between participants; a 1:1 conversation is the case of two (user1Id < user2Id). */
export interface Conversation {
  readonly id: string;
  readonly kind: 'direct';
  readonly user1Id: number;
  readonly user2Id: number;
  readonly createdAt: Date;
  readonly lastMessage?: LastMessage;
}

export function participantsOf(conversation: Conversation): number[] {
  return [conversation.user1Id, conversation.user2Id];
}

/** An entry of a user's recency-ordered list: which conversation, and the message that placed it there. */
export interface ConversationEntry {
  readonly lastMessageId: string;
  readonly conversationId: string;
}

/**
 * What a new message changes about its conversation, as a domain value: the send's unit of work
 * (MessagesRepository.appendMessage) turns it into writes, in the message's own batch.
 */
export interface ConversationActivity {
  readonly conversationId: string;
  /** The message that becomes the conversation's latest (unless a newer one already is). */
  readonly message: LastMessage;
  /** Whose lists the conversation moves to the top of. */
  readonly participants: readonly number[];
  /** False when a newer message is already the conversation's last (a late send): the lists stay as they are. */
  readonly movesToTop: boolean;
  /** The entry this message replaces in the participants' lists: the previous last message. */
  readonly replacesEntry?: string;
}
