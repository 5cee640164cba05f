import { Page } from '../common/pagination/page';
import { Conversation } from './conversation.model';
import { ConversationDetailsDto, ConversationDto, ConversationPageDto } from './dto/conversation.dto';

export function toConversationDto(conversation: Conversation): ConversationDto {
  const last = conversation.lastMessage;
  return {
    id: conversation.id,
    user1_id: conversation.user1Id,
    user2_id: conversation.user2Id,
    created_at: conversation.createdAt.toISOString(),
    last_message_at: last ? last.at.toISOString() : null,
    last_message_id: last ? last.id : null,
    last_message_sender_id: last ? last.senderId : null,
    last_message_content: last ? last.content : null,
  };
}

export function toConversationDetailsDto(
  conversation: Conversation,
  messageCount: number,
): ConversationDetailsDto {
  return { ...toConversationDto(conversation), message_count: messageCount };
}

export function toConversationPageDto(page: Page<Conversation>): ConversationPageDto {
  return {
    total: page.total,
    page: page.page,
    limit: page.limit,
    data: page.data.map(toConversationDto),
    next_cursor: page.nextCursor,
  };
}
