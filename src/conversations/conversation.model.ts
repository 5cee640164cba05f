/** The latest message of a conversation, as the conversation row holds it. */
export interface LastMessage {
  /** The message's timeuuid; its time is the conversation's last activity. */
  readonly id: string;
  readonly at: Date;
  readonly senderId: number;
  readonly content: string;
}

export type ConversationKind = 'direct' | 'group';
export type MemberRole = 'owner' | 'admin' | 'member';

/**
 * A conversation between members: a 1:1 conversation is the case of two (user1Id < user2Id, its id derived
 * from the pair); a group has a title, a random id and 3 to MAX_GROUP_MEMBERS members with roles.
 */
export interface Conversation {
  readonly id: string;
  readonly kind: ConversationKind;
  /** The pair of a direct conversation; undefined in a group. */
  readonly user1Id?: number;
  readonly user2Id?: number;
  /** A group's title; undefined in a direct conversation. */
  readonly title?: string;
  readonly memberCount: number;
  readonly createdAt: Date;
  readonly lastMessage?: LastMessage;
}

/** A conversation as one caller sees it: with their role in it (null for a trusted backend). */
export interface ConversationView {
  readonly conversation: Conversation;
  readonly role: MemberRole | null;
}

export interface Member {
  readonly userId: number;
  readonly role: MemberRole;
  readonly addedAt: Date;
}

/**
 * A group holds at most this many members: a send writes one list entry per member, so the bound is what
 * keeps a send's work bounded (see SCHEMA.md).
 */
export const MAX_GROUP_MEMBERS = 1000;
export const MIN_GROUP_MEMBERS = 3;

/** The two members of a direct conversation. */
export function pairOf(conversation: Conversation): number[] {
  if (conversation.user1Id === undefined || conversation.user2Id === undefined) return [];
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
