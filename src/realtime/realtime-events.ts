import { MessageDto } from '../messages/dto/message.dto';

/**
 * The events the socket gateway sends, by name, with their payloads. Every payload carries `v`, the version of
 * its shape; a change that is not backwards compatible gets a new version. README § Real-time events lists them.
 */
export const EVENT_VERSION = 1;

/** A message stored in a conversation the receiving user is a member of (also sent to its sender). */
export interface MessageCreatedEvent {
  readonly v: typeof EVENT_VERSION;
  readonly conversation_id: string;
  readonly message: MessageDto;
}

/** An edit; the message as it now reads. */
export type MessageUpdatedEvent = MessageCreatedEvent;

/** A message became a placeholder (by its author, or a group's owner or admin: `deleted_by`). */
export interface MessageDeletedEvent {
  readonly v: typeof EVENT_VERSION;
  readonly conversation_id: string;
  readonly message_id: string;
  readonly deleted_by: number;
}

/** A member added (`reaction.added`) or took back (`reaction.removed`) a reaction. */
export interface ReactionEvent {
  readonly v: typeof EVENT_VERSION;
  readonly conversation_id: string;
  readonly message_id: string;
  readonly emoji: string;
  readonly user_id: number;
}

/** Sent just before the server closes a socket whose access token expired: reconnect with a fresh one. */
export interface SessionExpiredEvent {
  readonly v: typeof EVENT_VERSION;
  readonly reason: string;
}

/**
 * A group's shared facts as every member sees them (a member's own role is in the REST answers, not here).
 * `changed_by` is the user whose request made the change, or null when a trusted backend (API key) made it.
 */
export interface GroupFacts {
  readonly v: typeof EVENT_VERSION;
  readonly conversation_id: string;
  readonly title: string | null;
  readonly member_count: number;
  readonly changed_by: number | null;
}

/** A group was created: sent to every member, so it shows in their lists before its first message. */
export type ConversationCreatedEvent = GroupFacts;

/** A group was renamed: sent to every member. */
export type ConversationUpdatedEvent = GroupFacts;

/** Members were added: sent to every member, the new ones included. */
export interface MembersAddedEvent extends GroupFacts {
  readonly user_ids: readonly number[];
}

/**
 * A member was removed, or left (`left: true`): sent to the remaining members and to the removed user, whose
 * sockets get no event of the group after this one.
 */
export interface MemberRemovedEvent extends GroupFacts {
  readonly user_id: number;
  readonly left: boolean;
}

/** Another member is typing in a conversation; ephemeral, never stored. Shown for a few seconds at most. */
export interface TypingEvent {
  readonly v: typeof EVENT_VERSION;
  readonly conversation_id: string;
  readonly user_id: number;
}

/** Sent just before the server closes the sockets of a sign-in that was signed out or revoked. */
export interface SessionRevokedEvent {
  readonly v: typeof EVENT_VERSION;
  readonly reason: string;
}

/** The room of every socket opened with the access tokens of one sign-in. */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/** A member read a conversation up to a message (their read position moved forward to it). */
export interface ReadEvent {
  readonly v: typeof EVENT_VERSION;
  readonly conversation_id: string;
  readonly user_id: number;
  readonly message_id: string;
}

/** The events a client may send; each is answered through its acknowledgement. */
export const CLIENT_EVENTS: readonly string[] = ['sync', 'typing'];

/** A client event the server could not take: unknown, or dropped by the rate limit. */
export interface ClientErrorEvent {
  readonly v: typeof EVENT_VERSION;
  readonly error: { readonly code: 'unknown_event' | 'rate_limited'; readonly message: string };
}

export interface ServerToClientEvents {
  'message.created': (event: MessageCreatedEvent) => void;
  'message.updated': (event: MessageUpdatedEvent) => void;
  'message.deleted': (event: MessageDeletedEvent) => void;
  'reaction.added': (event: ReactionEvent) => void;
  'reaction.removed': (event: ReactionEvent) => void;
  'conversation.created': (event: ConversationCreatedEvent) => void;
  'conversation.updated': (event: ConversationUpdatedEvent) => void;
  'members.added': (event: MembersAddedEvent) => void;
  'member.removed': (event: MemberRemovedEvent) => void;
  typing: (event: TypingEvent) => void;
  read: (event: ReadEvent) => void;
  'session.expired': (event: SessionExpiredEvent) => void;
  'session.revoked': (event: SessionRevokedEvent) => void;
  'client.error': (event: ClientErrorEvent) => void;
}

/** The room every socket of one user joins: events for a user go to it, on whichever instance they are. */
export function userRoom(userId: number): string {
  return `user:${userId}`;
}
