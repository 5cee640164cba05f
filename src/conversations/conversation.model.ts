import { minTimeUuid, timeUuidMicros } from '../common/time/time-uuid';

/** The latest message of a conversation, as the conversation row holds it. */
export interface LastMessage {
  /** The message's timeuuid; its time is the conversation's last activity. */
  readonly id: string;
  readonly at: Date;
  readonly senderId: number;
  /** Empty once deleted. */
  readonly content: string;
  /** 0 as sent, then the write time (µs) of its latest edit; a delete stores the largest (migration 0010). */
  readonly revision: number;
  readonly deleted: boolean;
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
  /**
   * Write times (µs) of a group's title and member count: the version of each, which copies of them in
   * members' lists carry so the newest wins wherever it lands.
   */
  readonly titleVersion?: number;
  readonly memberCountVersion?: number;
  /** The bucket new messages go to (see messages/message-bucket.ts); undefined before the first message. */
  readonly messageBucket?: number;
}

/** A conversation as one caller sees it: with their role in it (null for a trusted backend). */
export interface ConversationView {
  readonly conversation: Conversation;
  readonly role: MemberRole | null;
}

/** A conversation in a user's list, or their details of it: with the newest message they have read there. */
export interface ListedConversation {
  readonly view: ConversationView;
  readonly lastReadMessageId: string | null;
}

/** As listed, with how many messages from others follow the read position (null without a reader). */
export interface CountedConversation extends ListedConversation {
  readonly unreadCount: number | null;
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

/** What places a conversation in its members' lists: its latest message, or its creation before any. */
export function activityIdOf(conversation: Conversation): string {
  return conversation.lastMessage?.id ?? minTimeUuid(conversation.createdAt);
}

/** The time of a conversation's latest activity, in µs: where its own clock stands (see conversation-clock). */
export function activityMicrosOf(conversation: Conversation): number {
  return timeUuidMicros(activityIdOf(conversation));
}

/** The members of a direct conversation: two, or one in a user's notes conversation with themselves. */
export function pairOf(conversation: Conversation): number[] {
  if (conversation.user1Id === undefined || conversation.user2Id === undefined) return [];
  return [...new Set([conversation.user1Id, conversation.user2Id])];
}

/**
 * What a new message changes about its conversation, as a domain value: its preview, and the conversation's
 * row in each member's list.
 */
export interface ConversationActivity {
  /** The conversation as it is after the message: the message is its lastMessage. */
  readonly conversation: Conversation;
  /** The message's time, in µs: the write time of everything the message changes. */
  readonly atMicros: number;
  /** Whose lists show it, with their roles. */
  readonly members: readonly { readonly userId: number; readonly role: MemberRole }[];
  /** The conversation's activity before the message (its previous message, or its creation), in µs. */
  readonly previousMicros: number;
}
