import { MESSAGE_ID_MESSAGE, TIME_UUID_PATTERN } from '../../common/validation/message-id';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class MarkReadDto {
  @ApiProperty({
    description:
      'The newest message the caller has read (a message id: a version-1 UUID). At most the newest ' +
      'message of the conversation; an older one than the current position changes nothing.',
    format: 'uuid',
    pattern: TIME_UUID_PATTERN,
    example: '5f0f2a00-8c4e-11ee-b9d1-0242ac120002',
  })
  @IsString()
  @Matches(new RegExp(TIME_UUID_PATTERN), { message: MESSAGE_ID_MESSAGE })
  readonly message_id!: string;
}

export class ReadPositionDto {
  @ApiProperty({ example: 2, type: 'integer' })
  user_id!: number;

  @ApiProperty({
    description: 'The newest message this member has read; null before they read any.',
    format: 'uuid',
    nullable: true,
    type: String,
  })
  last_read_message_id!: string | null;
}

export class ReadStatePageDto {
  @ApiProperty({ description: 'Number of members of the conversation.', type: 'integer' })
  total!: number;

  @ApiProperty({ description: 'This page’s number.', type: 'integer' })
  page!: number;

  @ApiProperty({ description: 'Items per page, as requested.', type: 'integer' })
  limit!: number;

  @ApiProperty({ type: [ReadPositionDto], description: 'Every member, in user id order.' })
  data!: ReadPositionDto[];

  @ApiProperty({
    description: 'Pass as cursor to read the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  next_cursor!: string | null;
}

export class UnreadTotalDto {
  @ApiProperty({
    description:
      'How many of the caller’s conversations have unread messages, among their 100 most recently active ' +
      '(a badge; a conversation with unread messages is normally among them, having just had a message).',
    example: 2,
    minimum: 0,
    maximum: 100,
    type: 'integer',
  })
  unread_conversations!: number;

  @ApiProperty({
    description: 'False when the caller has more than 100 conversations, so older ones were not looked at.',
  })
  complete!: boolean;
}
