import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ConversationDto {
  @ApiProperty({
    description: 'Conversation id (UUID), derived from the pair of participants.',
    format: 'uuid',
  })
  id!: string;

  @ApiProperty({ description: 'The participant with the lower user id.', example: 1 })
  user1_id!: number;

  @ApiProperty({ description: 'The participant with the higher user id.', example: 2 })
  user2_id!: number;

  @ApiProperty({
    description: 'When the first message created the conversation (ISO 8601 UTC).',
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
    type: Number,
  })
  last_message_sender_id!: number | null;

  @ApiProperty({
    description: 'Content of the latest message, null before any.',
    nullable: true,
    type: String,
  })
  last_message_content!: string | null;
}

export class ConversationDetailsDto extends ConversationDto {
  @ApiPropertyOptional({ description: 'Number of messages in the conversation.', example: 42 })
  message_count!: number;
}

export class ConversationPageDto {
  @ApiProperty({ description: "Number of the user's conversations, kept up to date on write." })
  total!: number;

  @ApiProperty({ description: 'This page’s number.' })
  page!: number;

  @ApiProperty({ description: 'Items per page, as requested.' })
  limit!: number;

  @ApiProperty({ type: [ConversationDto], description: 'Conversations, most recent activity first.' })
  data!: ConversationDto[];

  @ApiProperty({
    description: 'Pass as cursor to read the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  next_cursor!: string | null;
}
