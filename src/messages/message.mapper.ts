import { toAttachmentSummaryDto } from '../attachments/attachment.mapper';
import { Page } from '../common/pagination/page';
import { HistoryPageDto, MessageDto, MessagePageDto, ReplyQuoteDto, SearchPageDto } from './dto/message.dto';
import { SearchPage } from './message-search.service';
import { HistoryPage } from './history.service';
import { ReactorPageDto } from './dto/reaction.dto';
import { Response } from 'express';
import { Message, ReplyTo, SendOutcome } from './message.model';
import { summarizeReactions } from './reactions';

/** A message as `viewerId` sees it (whose reactions are `me`); without one, no reaction is `me`. */
export function toMessageDto(message: Message, viewerId?: number): MessageDto {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    sender_id: message.senderId,
    receiver_id: message.receiverId,
    content: message.deleted ? null : message.content,
    created_at: message.createdAt.toISOString(),
    edited_at: message.deleted || message.editedAt === null ? null : message.editedAt.toISOString(),
    deleted: message.deleted,
    reactions: message.deleted ? [] : summarizeReactions(message.reactions, viewerId),
    reply_to: message.deleted || message.replyTo === null ? null : toReplyQuoteDto(message.replyTo),
    attachments: message.deleted ? [] : message.attachments.map(toAttachmentSummaryDto),
  };
}

function toReplyQuoteDto({ messageId, quote }: ReplyTo): ReplyQuoteDto {
  return {
    message_id: messageId,
    sender_id: quote?.senderId ?? null,
    content: quote === null || quote.deleted ? null : quote.excerpt,
    // An original that cannot be read is shown as gone.
    deleted: quote?.deleted ?? true,
  };
}

export function toMessagePageDto(page: Page<Message>, viewerId?: number): MessagePageDto {
  return {
    total: page.total,
    page: page.page,
    limit: page.limit,
    data: page.data.map((message) => toMessageDto(message, viewerId)),
    next_cursor: page.nextCursor,
  };
}

export function toHistoryPageDto(page: HistoryPage, viewerId?: number): HistoryPageDto {
  return { ...toMessagePageDto(page, viewerId), newer_cursor: page.newerCursor };
}

export function toSearchPageDto(page: SearchPage, viewerId?: number): SearchPageDto {
  return {
    limit: page.limit,
    data: page.data.map((message) => toMessageDto(message, viewerId)),
    next_cursor: page.nextCursor,
  };
}

export function toReactorPageDto(page: Page<number>): ReactorPageDto {
  return {
    total: page.total,
    page: page.page,
    limit: page.limit,
    data: page.data.map((userId) => ({ user_id: userId })),
    next_cursor: page.nextCursor,
  };
}

/** The header that marks an answer as the replay of an earlier send with the same client_message_id. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** A send's answer: 201 for a new message; 200 and Idempotent-Replayed: true for a replay of one. */
export function answerSend(response: Response, outcome: SendOutcome): MessageDto {
  if (outcome.replayed) response.status(200).setHeader(REPLAYED_HEADER, 'true');
  return toMessageDto(outcome.message);
}
