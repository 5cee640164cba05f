import { Page } from '../common/pagination/page';
import { MessageDto, MessagePageDto } from './dto/message.dto';
import { Message } from './message.model';

export function toMessageDto(message: Message): MessageDto {
  return {
    id: message.id,
    conversation_id: message.conversationId,
    sender_id: message.senderId,
    receiver_id: message.receiverId,
    content: message.content,
    created_at: message.createdAt.toISOString(),
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
