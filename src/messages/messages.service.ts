import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { Attachment, summaryOf } from '../attachments/attachment.model';
import { AttachmentsService } from '../attachments/attachments.service';
import { Caller } from '../common/auth/caller';
import { AppConfig } from '../config/app-config';
import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
} from '../common/errors/domain-errors';
import { Clock } from '../common/time/clock';
import { nextActivityMicros } from '../common/time/conversation-clock';
import { timeUuidAtMicros, timeUuidMicros } from '../common/time/time-uuid';
import { activityMicrosOf, Conversation } from '../conversations/conversation.model';
import { ConversationsService } from '../conversations/conversations.service';
import { directConversationId } from '../conversations/direct-conversation-id';
import { ConversationEvents } from '../realtime/conversation-events';
import { bucketAfterFull, bucketCountSampling, bucketForMessage, legacyDayBucketOf } from './message-bucket';
import { LocatedMessage, Message, SendOutcome } from './message.model';
import { quoteOf } from './quotes';
import { MessagesRepository } from './messages.repository';

export interface NewMessage {
  /** Required of a trusted backend; a user sends as themselves, and may name themselves here. */
  readonly senderId?: number;
  readonly receiverId: number;
  readonly content: string;
  /** The client's id of this send: a retry with the same one gets the same message back. */
  readonly clientMessageId?: string;
  /** A message of the same conversation this one replies to. */
  readonly replyToMessageId?: string;
  /** The sender's uploads it carries. */
  readonly attachmentIds?: readonly string[];
}

/**
 * What a client_message_id is claimed with: the content's SHA-256, with the replied-to message's id and the
 * attachments' ids, so a retry that replies to another message or carries other files is a conflict. A send
 * with neither hashes its content alone, as claims made before replies did.
 */
function sendDigest(
  content: string,
  replyToId: string | undefined,
  attachmentIds: readonly string[],
): Buffer {
  const hash = createHash('sha256').update(content, 'utf8');
  if (replyToId !== undefined) hash.update(`\u0000reply:${replyToId}`, 'utf8');
  if (attachmentIds.length > 0) hash.update(`\u0000attachments:${attachmentIds.join(',')}`, 'utf8');
  return hash.digest();
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
    private readonly attachments: AttachmentsService,
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
    const conversationId = directConversationId(senderId, input.receiverId);
    // Before the conversation is opened: a reply to no message of it, or a file that is not the sender's,
    // must create nothing.
    const [replyTo, attachments] = await Promise.all([
      this.findReplyTo(conversationId, input.replyToMessageId),
      this.attachments.resolveForSend(senderId, input.attachmentIds ?? [], conversationId),
    ]);
    // One instant for the conversation a first message creates and for the message itself.
    const now = this.clock.now();
    const conversation = await this.conversations.openDirectConversation(
      { id: senderId, field: 'sender_id' },
      { id: input.receiverId, field: 'receiver_id' },
      now,
    );
    return this.store(
      conversation,
      { senderId, receiverId: input.receiverId, content: input.content, replyTo, attachments },
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
    options: { clientMessageId?: string; replyToMessageId?: string; attachmentIds?: readonly string[] } = {},
  ): Promise<SendOutcome> {
    if (caller.kind !== 'user') {
      throw new InvalidRequestError('an API key sends by sender_id and receiver_id: use POST /api/messages');
    }
    const { conversation } = await this.conversations.assertMember(conversationId, caller);
    const [replyTo, attachments] = await Promise.all([
      this.findReplyTo(conversationId, options.replyToMessageId),
      this.attachments.resolveForSend(caller.userId, options.attachmentIds ?? [], conversationId),
    ]);
    const receiverId =
      conversation.kind === 'direct'
        ? ((conversation.user1Id === caller.userId ? conversation.user2Id : conversation.user1Id) ?? null)
        : null;
    return this.store(
      conversation,
      { senderId: caller.userId, receiverId, content, replyTo, attachments },
      this.clock.now(),
      options.clientMessageId,
    );
  }

  /** The message a reply answers, which must be of the same conversation (404 otherwise, as for any id). */
  private async findReplyTo(conversationId: string, messageId?: string): Promise<LocatedMessage | undefined> {
    if (messageId === undefined) return undefined;
    const located = await this.repository.findMessage(conversationId, messageId);
    if (!located) {
      throw new NotFoundError(
        `reply_to_message_id ${messageId} is not a message of conversation ${conversationId}`,
      );
    }
    return located;
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
    input: {
      senderId: number;
      receiverId: number | null;
      content: string;
      replyTo?: LocatedMessage;
      attachments: readonly Attachment[];
    },
    now: Date,
    clientMessageId?: string,
  ): Promise<SendOutcome> {
    let atMicros = nextActivityMicros(now.getTime(), activityMicrosOf(conversation));
    let id = timeUuidAtMicros(atMicros);
    let { bucket, opens } = bucketForMessage(conversation.messageBucket, atMicros);
    let replayed = false;
    if (clientMessageId !== undefined) {
      const contentSha256 = sendDigest(
        input.content,
        input.replyTo?.message.id,
        input.attachments.map((attachment) => attachment.id),
      );
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
    const { replyTo, attachments, ...fields } = input;
    const message: Message = {
      id,
      conversationId: conversation.id,
      ...fields,
      createdAt,
      editedAt: null,
      deleted: false,
      reactions: [],
      attachments: attachments.map(summaryOf),
      replyTo: replyTo
        ? { messageId: replyTo.message.id, bucket: replyTo.bucket, quote: quoteOf(replyTo.message) }
        : null,
    };
    // Kept for good before the message that carries them is written: it never outlives them.
    await this.attachments.keep(attachments, conversation.id);
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
}
