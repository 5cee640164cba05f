import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ConversationDto {
  @ApiProperty({
    description:
      'Conversation id (UUID): derived from the pair of a direct conversation, random for a group.',
    format: 'uuid',
  })
  id!: string;

  @ApiProperty({ enum: ['direct', 'group'], description: 'A conversation of two, or a group.' })
  kind!: 'direct' | 'group';

  @ApiProperty({
    description: 'A group’s title; null in a direct conversation.',
    nullable: true,
    type: String,
  })
  title!: string | null;

  @ApiProperty({
    description: 'Number of members: 2 in a direct conversation, 1 in a notes conversation (with oneself).',
    example: 2,
    type: 'integer',
  })
  member_count!: number;

  @ApiProperty({
    enum: ['owner', 'admin', 'member'],
    nullable: true,
    description:
      'The role in it of the user whose conversation this is (the caller, or the user whose list is read); ' +
      'null when a trusted backend reads a conversation directly. Both members of a direct conversation are members.',
  })
  role!: 'owner' | 'admin' | 'member' | null;

  @ApiProperty({
    description: 'The member with the lower user id in a direct conversation; null in a group.',
    example: 1,
    nullable: true,
    type: 'integer',
  })
  user1_id!: number | null;

  @ApiProperty({
    description: 'The member with the higher user id in a direct conversation; null in a group.',
    example: 2,
    nullable: true,
    type: 'integer',
  })
  user2_id!: number | null;

  @ApiProperty({
    description: 'When the conversation was created: by its first message, or as a group (ISO 8601 UTC).',
    format: 'date-time',
  })
  created_at!: string;

  @ApiProperty({
    description: 'Time of the latest message (ISO 8601 UTC), null before any.',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  last_message_at!: string | null;

  @ApiProperty({
    description: 'Id (timeuuid) of the latest message, null before any.',
    nullable: true,
    type: String,
  })
  last_message_id!: string | null;

  @ApiProperty({
    description: 'Sender of the latest message, null before any.',
    nullable: true,
    type: 'integer',
  })
  last_message_sender_id!: number | null;

  @ApiProperty({
    description:
      'Content of the latest message, as last edited; null before any, or once that message is deleted.',
    nullable: true,
    type: String,
  })
  last_message_content!: string | null;
}

export class ListedConversationDto extends ConversationDto {
  @ApiProperty({
    description:
      'Messages from others after the reader’s read position, counted up to 100: 100 means 100 or more ' +
      '(show "99+"). The reader’s own messages never count, and a send moves its sender’s position to it. ' +
      'The reader is the user whose list this is, or the caller; null when a trusted backend reads a ' +
      'conversation directly.',
    example: 3,
    minimum: 0,
    maximum: 100,
    nullable: true,
    type: 'integer',
  })
  unread_count!: number | null;

  @ApiProperty({
    description:
      'The newest message the reader has read (POST /api/conversations/{id}/read, or their own latest send); ' +
      'null before any, or without a reader.',
    nullable: true,
    type: String,
  })
  last_read_message_id!: string | null;
}

export class ConversationDetailsDto extends ListedConversationDto {
  @ApiPropertyOptional({
    description: 'Number of messages in the conversation.',
    example: 42,
    type: 'integer',
  })
  message_count!: number;
}

export class ConversationPageDto {
  @ApiProperty({
    description: "Number of the user's conversations, kept up to date on write.",
    type: 'integer',
  })
  total!: number;

  @ApiProperty({ description: 'This page’s number.', type: 'integer' })
  page!: number;

  @ApiProperty({ description: 'Items per page, as requested.', type: 'integer' })
  limit!: number;

  @ApiProperty({ type: [ListedConversationDto], description: 'Conversations, most recent activity first.' })
  data!: ListedConversationDto[];

  @ApiProperty({
    description: 'Pass as cursor to read the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  next_cursor!: string | null;
}
