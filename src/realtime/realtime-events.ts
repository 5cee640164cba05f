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

/** Sent just before the server closes a socket whose access token expired: reconnect with a fresh one. */
export interface SessionExpiredEvent {
  readonly v: typeof EVENT_VERSION;
  readonly reason: string;
}

export interface ServerToClientEvents {
  'message.created': (event: MessageCreatedEvent) => void;
  'session.expired': (event: SessionExpiredEvent) => void;
}

/** The room every socket of one user joins: events for a user go to it, on whichever instance they are. */
export function userRoom(userId: number): string {
  return `user:${userId}`;
}
