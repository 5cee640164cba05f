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
