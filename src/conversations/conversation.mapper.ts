import { Page } from '../common/pagination/page';
import { ConversationView, Member } from './conversation.model';
import { ConversationDetailsDto, ConversationDto, ConversationPageDto } from './dto/conversation.dto';
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
    last_message_content: last ? last.content : null,
  };
}

export function toConversationDetailsDto(
  view: ConversationView,
  messageCount: number,
): ConversationDetailsDto {
  return { ...toConversationDto(view), message_count: messageCount };
}

export function toConversationPageDto(page: Page<ConversationView>): ConversationPageDto {
  return {
    total: page.total,
    page: page.page,
    limit: page.limit,
    data: page.data.map(toConversationDto),
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
