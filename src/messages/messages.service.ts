import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Caller } from '../common/auth/caller';
import { ConflictError, ForbiddenError, InvalidRequestError } from '../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { Page, pageFrom } from '../common/pagination/page';
import { PageRequest, pageWindow } from '../common/pagination/page-window';
import { Clock } from '../common/time/clock';
import { nextActivityMicros } from '../common/time/conversation-clock';
import {
  isTimeUuid,
  minTimeUuid,
  timeUuidAtMicros,
  timeUuidDate,
  timeUuidMicros,
} from '../common/time/time-uuid';
import { activityMicrosOf, Conversation } from '../conversations/conversation.model';
import { ConversationsService } from '../conversations/conversations.service';
import { bucketOf } from './message-bucket';
import { HistoryPosition, Message, SendOutcome } from './message.model';
import { MessagesRepository } from './messages.repository';

export interface NewMessage {
  /** Required of a trusted backend; a user sends as themselves, and may name themselves here. */
  readonly senderId?: number;
  readonly receiverId: number;
  readonly content: string;
  /** The client's id of this send: a retry with the same one gets the same message back. */
  readonly clientMessageId?: string;
}

/** Buckets listed per read while walking history; each holds at least one message. */
const MAX_BUCKETS_PER_READ = 100;

const isHistoryPosition = (value: unknown): value is HistoryPosition => {
  if (typeof value !== 'object' || value === null) return false;
  const { bucket, id } = value as Record<string, unknown>;
  return (
    typeof bucket === 'number' &&
    Number.isSafeInteger(bucket) &&
    isTimeUuid(id) &&
    bucketOf(timeUuidDate(id).getTime()) === bucket
  );
};

/** The position just before an instant: messages created strictly earlier, to the millisecond. */
function positionBefore(epochMs: number): HistoryPosition {
  // Stored times have millisecond precision, so "before 12:00:00.0005" means "at or before 12:00:00.000".
  const bound = Math.max(0, Math.ceil(epochMs));
  return { bucket: bucketOf(bound), id: minTimeUuid(new Date(bound)) };
}

/** Who sends: a user always as themselves; a trusted backend as the user it names. */
function senderOf(caller: Caller, input: NewMessage): number {
  if (caller.kind === 'service') {
    if (input.senderId === undefined) throw new InvalidRequestError('sender_id is required with an API key');
    return input.senderId;
  }
  if (input.senderId !== undefined && input.senderId !== caller.userId) {
    throw new ForbiddenError(`sender_id must be the signed-in user (${caller.userId}) or left out`);
  }
  return caller.userId;
}

@Injectable()
export class MessagesService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly conversations: ConversationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a message in the conversation of its sender and receiver (created on first contact) and moves
   * that conversation to the top of both users' lists, atomically. Resolves once the write is acknowledged.
   * The message is stamped with the injected clock's time.
   */
  async send(caller: Caller, input: NewMessage): Promise<SendOutcome> {
    const senderId = senderOf(caller, input);
    // One instant for the conversation a first message creates and for the message itself.
    const now = this.clock.now();
    const conversation = await this.conversations.openDirectConversation(
      { id: senderId, field: 'sender_id' },
      { id: input.receiverId, field: 'receiver_id' },
      now,
    );
    return this.store(
      conversation,
      { senderId, receiverId: input.receiverId, content: input.content },
      now,
      input.clientMessageId,
    );
  }

  /**
   * Sends into a conversation the caller is a member of, direct or group (404 otherwise, as for reads).
   * In a direct conversation the receiver is the other member; a group message has none.
   */
  async sendToConversation(
    caller: Caller,
    conversationId: string,
    content: string,
    clientMessageId?: string,
  ): Promise<SendOutcome> {
    if (caller.kind !== 'user') {
      throw new InvalidRequestError('an API key sends by sender_id and receiver_id: use POST /api/messages');
    }
    const { conversation } = await this.conversations.assertMember(conversationId, caller);
    const receiverId =
      conversation.kind === 'direct'
        ? ((conversation.user1Id === caller.userId ? conversation.user2Id : conversation.user1Id) ?? null)
        : null;
    return this.store(
      conversation,
      { senderId: caller.userId, receiverId, content },
      this.clock.now(),
      clientMessageId,
    );
  }

  /**
   * The one write path of every send: the message and what it changes about its conversation. The message's
   * time comes from the conversation's own clock (nextActivityMicros), so it is after the conversation's
   * previous message whatever the instance's clock says. With a client_message_id, the id (and so the time)
   * of the message is claimed first; a retry that finds the claim writes the claimed message again (every
   * write is keyed by its id and carries its time, so this completes a send that was cut short and changes
   * nothing after one that was not) and returns it as a replay. The same client_message_id with other
   * content is a conflict.
   */
  private async store(
    conversation: Conversation,
    input: { senderId: number; receiverId: number | null; content: string },
    now: Date,
    clientMessageId?: string,
  ): Promise<SendOutcome> {
    let atMicros = nextActivityMicros(now.getTime(), activityMicrosOf(conversation));
    let id = timeUuidAtMicros(atMicros);
    let replayed = false;
    if (clientMessageId !== undefined) {
      const contentSha256 = createHash('sha256').update(input.content, 'utf8').digest();
      const claim = await this.repository.claimRequest({
        conversationId: conversation.id,
        senderId: input.senderId,
        clientMessageId,
        messageId: id,
        contentSha256,
      });
      if (!claim.contentSha256.equals(contentSha256)) {
        throw new ConflictError(
          `client_message_id ${clientMessageId} was already used for another message in this conversation`,
        );
      }
      replayed = !claim.claimed;
      id = claim.messageId;
      atMicros = timeUuidMicros(id);
    }
    const createdAt = new Date(Math.floor(atMicros / 1000));
    const message: Message = { id, conversationId: conversation.id, ...input, createdAt };
    await Promise.all([
      this.repository.insertMessage(message),
      this.conversations.recordMessage(
        conversation,
        { id, at: createdAt, senderId: message.senderId, content: message.content },
        atMicros,
      ),
    ]);
    // Counted once, by the request that claimed the message (a replay of a send cut short before this
    // line leaves the total one short: totals are approximate, see SCHEMA.md).
    if (!replayed) await this.conversations.countNewMessage(conversation.id);
    return { message, replayed };
  }

  /**
   * A page of a conversation's messages, newest first: from the head, from a cursor, or from just before
   * an instant. Walks the conversation's day buckets, newest first, reading only what the page needs.
   */
  async listHistory(
    conversationId: string,
    caller: Caller,
    request: PageRequest,
    beforeEpochMs?: number,
  ): Promise<Page<Message>> {
    const window = pageWindow(request, (raw) => decodeCursor(raw, 'm', conversationId, isHistoryPosition));
    const start = window.after ?? (beforeEpochMs === undefined ? undefined : positionBefore(beforeEpochMs));
    const wanted = window.offset + window.limit + 1;
    // The membership check runs beside the reads, so it adds no round trip; nothing read is returned
    // unless it passes.
    const [, total, messages] = await Promise.all([
      this.conversations.assertMember(conversationId, caller),
      this.conversations.countMessages(conversationId),
      this.walkHistory(conversationId, start, wanted),
    ]);

    return pageFrom(messages, window, total, (last, page) =>
      encodeCursor({
        kind: 'm',
        scope: conversationId,
        page,
        position: { bucket: bucketOf(last.createdAt.getTime()), id: last.id },
      }),
    );
  }

  /** Up to `wanted` messages from `start` (exclusive) back, walking the day buckets newest first. */
  private async walkHistory(
    conversationId: string,
    start: HistoryPosition | undefined,
    wanted: number,
  ): Promise<Message[]> {
    const messages: Message[] = [];
    let bucketBound = start?.bucket;
    while (messages.length < wanted) {
      const asked = Math.min(wanted - messages.length, MAX_BUCKETS_PER_READ);
      const buckets = await this.repository.listBuckets(conversationId, bucketBound, asked);
      for (const bucket of buckets) {
        const beforeId = start && bucket === start.bucket ? start.id : undefined;
        messages.push(
          ...(await this.repository.readBucket(conversationId, bucket, beforeId, wanted - messages.length)),
        );
        if (messages.length >= wanted) return messages;
      }
      if (buckets.length < asked) return messages;
      bucketBound = buckets[buckets.length - 1] - 1;
    }
    return messages;
  }
}
