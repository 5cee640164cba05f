import { Injectable } from '@nestjs/common';
import { MessagesRepository } from './messages.repository';
import { countUnread } from './unread-count';

/** What a conversation in a member's list shows as unread: the messages of others after their position. */
@Injectable()
export class UnreadCountsService {
  constructor(private readonly repository: MessagesRepository) {}

  /** Up to UNREAD_COUNT_CAP; `lastReadMessageId` null counts from the first message. */
  count(conversationId: string, readerId: number, lastReadMessageId: string | null): Promise<number> {
    return countUnread(
      {
        listBuckets: (atMost, limit) => this.repository.listBuckets(conversationId, atMost, limit),
        readSendersAfter: (bucket, afterId, limit) =>
          this.repository.readSendersAfter(conversationId, bucket, afterId, limit),
      },
      lastReadMessageId ?? undefined,
      readerId,
    );
  }
}
