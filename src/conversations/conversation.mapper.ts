import { Page } from '../common/pagination/page';
import { ConversationView, CountedConversation, Member } from './conversation.model';
import {
  ConversationDetailsDto,
  ConversationDto,
  ConversationPageDto,
  ListedConversationDto,
} from './dto/conversation.dto';
import { MemberDto, MemberPageDto } from './dto/member.dto';
import { MemberPage } from './groups.service';

export function toConversationDto({ conversation, role }: ConversationView): ConversationDto {
  const last = conversation.lastMessage;
  return {
    id: conversation.id,
    kind: conversation.kind,
    title: conversation.title ?? null,
    member_count: conversation.memberCount,
    role,
    user1_id: conversation.user1Id ?? null,
    user2_id: conversation.user2Id ?? null,
    created_at: conversation.createdAt.toISOString(),
    last_message_at: last ? last.at.toISOString() : null,
    last_message_id: last ? last.id : null,
    last_message_sender_id: last ? last.senderId : null,
    last_message_content: last && !last.deleted ? last.content : null,
  };
}

export function toListedConversationDto(counted: CountedConversation): ListedConversationDto {
  return {
    ...toConversationDto(counted.view),
    unread_count: counted.unreadCount,
    last_read_message_id: counted.lastReadMessageId,
  };
}

export function toConversationDetailsDto(
  counted: CountedConversation,
  messageCount: number,
): ConversationDetailsDto {
  return { ...toListedConversationDto(counted), message_count: messageCount };
}

export function toConversationPageDto(page: Page<CountedConversation>): ConversationPageDto {
  return {
    total: page.total,
    page: page.page,
    limit: page.limit,
    data: page.data.map(toListedConversationDto),
    next_cursor: page.nextCursor,
  };
}

function toMemberDto(member: Member): MemberDto {
  return { user_id: member.userId, role: member.role, added_at: member.addedAt.toISOString() };
}

export function toMemberPageDto(page: MemberPage): MemberPageDto {
  return {
    total: page.total,
    page: page.page,
    limit: page.limit,
    data: page.data.map(toMemberDto),
    next_cursor: page.nextCursor,
  };
}
