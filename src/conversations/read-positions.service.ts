import { Injectable } from '@nestjs/common';
import { InboxService } from './inbox.service';
import { ReadPositionsRepository } from './read-positions.repository';

/**
 * Members' read positions: the newest message each has read in a conversation. Kept in two places, each
 * written at the message's own microsecond so it only moves forward: `read_positions` (by conversation, for
 * "seen by" and a conversation's details) and the member's inbox pointer (by user, for their list).
 */
@Injectable()
export class ReadPositionsService {
  constructor(
    private readonly repository: ReadPositionsRepository,
    private readonly inbox: InboxService,
  ) {}

  /** Moves a member's position forward to a message; an older one than the position changes nothing. */
  async moveForward(conversationId: string, userId: number, messageId: string): Promise<void> {
    await Promise.all([
      this.repository.moveForward(conversationId, userId, messageId),
      this.inbox.moveReadPosition(userId, conversationId, messageId),
    ]);
  }

  /** The sender's position after a send: `read_positions` only, since the send's pointer write sets the other. */
  async moveForSend(conversationId: string, senderId: number, messageId: string): Promise<void> {
    await this.repository.moveForward(conversationId, senderId, messageId);
  }

  async positionOf(conversationId: string, userId: number): Promise<string | undefined> {
    return this.repository.positionOf(conversationId, userId);
  }

  /** The positions of the members from `firstUserId` to `lastUserId` (one partition slice). */
  async positionsBetween(
    conversationId: string,
    firstUserId: number,
    lastUserId: number,
  ): Promise<Map<number, string>> {
    return this.repository.positionsBetween(conversationId, firstUserId, lastUserId);
  }
}
