import { Page } from '../common/pagination/page';
import { MessageDto, MessagePageDto } from './dto/message.dto';
import { Response } from 'express';
import { Message, SendOutcome } from './message.model';

export function toMessageDto(message: Message): MessageDto {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    sender_id: message.senderId,
    receiver_id: message.receiverId,
    content: message.deleted ? null : message.content,
    created_at: message.createdAt.toISOString(),
    edited_at: message.deleted || message.editedAt === null ? null : message.editedAt.toISOString(),
    deleted: message.deleted,
  };
}

export function toMessagePageDto(page: Page<Message>): MessagePageDto {
  return {
    total: page.total,
    page: page.page,
    limit: page.limit,
    data: page.data.map(toMessageDto),
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
