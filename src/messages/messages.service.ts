import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { Caller } from '../common/auth/caller';
import { AppConfig } from '../config/app-config';
import { ConflictError, ForbiddenError, InvalidRequestError } from '../common/errors/domain-errors';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { Page, pageFrom } from '../common/pagination/page';
import { PageRequest, pageWindow } from '../common/pagination/page-window';
import { Clock } from '../common/time/clock';
import { nextActivityMicros } from '../common/time/conversation-clock';
import { isTimeUuid, minTimeUuid, timeUuidAtMicros, timeUuidMicros } from '../common/time/time-uuid';
import { activityMicrosOf, Conversation } from '../conversations/conversation.model';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationEvents } from '../realtime/conversation-events';
import { walkForward, walkHistory } from './history-walk';
import { bucketAfterFull, bucketCountSampling, bucketForMessage, legacyDayBucketOf } from './message-bucket';
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

const isHistoryPosition = (value: unknown): value is HistoryPosition =>
  typeof value === 'object' && value !== null && isTimeUuid((value as Record<string, unknown>).id);

/** The position just before an instant: messages created strictly earlier, to the millisecond. */
function positionBefore(epochMs: number): HistoryPosition {
  // Stored times have millisecond precision, so "before 12:00:00.0005" means "at or before 12:00:00.000".
  return { id: minTimeUuid(new Date(Math.max(0, Math.ceil(epochMs)))) };
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
  private readonly logger = new Logger(MessagesService.name);
  private readonly bucketMaxMessages: number;
  private readonly bucketCountEvery: number;

  constructor(
    private readonly repository: MessagesRepository,
    private readonly conversations: ConversationsService,
    private readonly clock: Clock,
    private readonly events: ConversationEvents,
    config: ConfigService<AppConfig, true>,
  ) {
    this.bucketMaxMessages = config.get('messages', { infer: true }).bucketMaxMessages;
    this.bucketCountEvery = bucketCountSampling(this.bucketMaxMessages);
  }

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
    let { bucket, opens } = bucketForMessage(conversation.messageBucket, atMicros);
    let replayed = false;
    if (clientMessageId !== undefined) {
      const contentSha256 = createHash('sha256').update(input.content, 'utf8').digest();
      const claim = await this.repository.claimRequest({
        conversationId: conversation.id,
        senderId: input.senderId,
        clientMessageId,
        messageId: id,
        bucket,
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
      bucket = claim.bucket ?? legacyDayBucketOf(atMicros);
      // A replay of a send that opened a bucket opens it again, unless the conversation already has it.
      opens = replayed ? claim.bucket !== undefined && claim.bucket !== conversation.messageBucket : opens;
    }
    const createdAt = new Date(Math.floor(atMicros / 1000));
    const message: Message = {
      id,
      conversationId: conversation.id,
      ...input,
      createdAt,
      editedAt: null,
      deleted: false,
      reactions: [],
    };
    const [, members] = await Promise.all([
      this.repository.insertMessage(message, bucket, atMicros),
      this.conversations.recordMessage(
        conversation,
        {
          id,
          at: createdAt,
          senderId: message.senderId,
          content: message.content,
          revision: 0,
          deleted: false,
        },
        atMicros,
        opens ? bucket : undefined,
      ),
    ]);
    // Told once stored, to every member's sockets (a replay tells again: events are at least once).
    this.events.messageCreated(
      message,
      members.map((member) => member.userId),
    );
    // Counted once, by the request that claimed the message (a replay of a send cut short before this
    // line leaves the totals one short: totals are approximate, see SCHEMA.md).
    if (!replayed) {
      await Promise.all([
        this.conversations.countNewMessage(conversation.id),
        this.countIntoBucket(conversation.id, bucket, atMicros),
      ]);
    }
    return { message, replayed };
  }

  /**
   * One send in bucketCountEvery counts for that many in its bucket's size; the send that finds the bucket
   * full opens the next one. The message is stored by then, so a failure here is logged, not returned.
   */
  private async countIntoBucket(conversationId: string, bucket: number, atMicros: number): Promise<void> {
    if (Math.random() * this.bucketCountEvery >= 1) return;
    try {
      const size = await this.repository.countIntoBucket(conversationId, bucket, this.bucketCountEvery);
      if (size < this.bucketMaxMessages) return;
      const next = bucketAfterFull(bucket, atMicros);
      if (next !== undefined) await this.conversations.openMessageBucket(conversationId, next, atMicros);
    } catch (error: unknown) {
      this.logger.warn(
        `Message stored, but bucket ${bucket} of conversation ${conversationId} was not counted: ${String(error)}`,
      );
    }
  }

  /**
   * A page of a conversation's messages, newest first: from the head, from a cursor, or from just before
   * an instant. Walks the conversation's buckets, newest first, reading only what the page needs.
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
      walkHistory(
        {
          listBuckets: (atMost, limit) => this.repository.listBuckets(conversationId, atMost, limit),
          readBucket: (bucket, beforeId, limit) =>
            this.repository.readBucket(conversationId, bucket, beforeId, limit),
        },
        start?.id,
        wanted,
      ),
    ]);

    return pageFrom(messages, window, total, (last, page) =>
      encodeCursor({ kind: 'm', scope: conversationId, page, position: { id: last.id } }),
    );
  }

  /**
   * What a member missed after a message they have seen: up to `limit` messages newer than `afterId`, oldest
   * first, and whether more follow. `tooOld` when the position is further back than a catch-up reaches.
   */
  async listAfter(
    conversationId: string,
    caller: Caller,
    afterId: string,
    limit: number,
  ): Promise<{ messages: Message[]; hasMore: boolean; tooOld: boolean }> {
    const [, found] = await Promise.all([
      this.conversations.assertMember(conversationId, caller),
      walkForward(
        {
          listBuckets: (atMost, listLimit) => this.repository.listBuckets(conversationId, atMost, listLimit),
          readBucketAfter: (bucket, after, readLimit) =>
            this.repository.readBucketAfter(conversationId, bucket, after, readLimit),
        },
        afterId,
        limit + 1,
      ),
    ]);
    return {
      messages: found.messages.slice(0, limit),
      hasMore: found.messages.length > limit,
      tooOld: found.tooOld,
    };
  }
}
