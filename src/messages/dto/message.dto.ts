import { AttachmentSummaryDto } from '../../attachments/dto/attachment.dto';
import { ApiProperty } from '@nestjs/swagger';

export class ReactionSummaryDto {
  @ApiProperty({ description: 'One emoji (a grapheme cluster).', example: '👍' })
  emoji!: string;

  @ApiProperty({ description: 'How many members reacted with it.', example: 2, minimum: 1, type: 'integer' })
  count!: number;

  @ApiProperty({ description: 'Whether the caller is one of them (false for an API key, and in events).' })
  me!: boolean;
}

export class ReplyQuoteDto {
  @ApiProperty({ description: 'The message replied to.', format: 'uuid' })
  message_id!: string;

  @ApiProperty({
    description: 'Its sender; null only if the original can no longer be read.',
    example: 2,
    nullable: true,
    type: 'integer',
  })
  sender_id!: number | null;

  @ApiProperty({
    description:
      'The start of its content as it reads now (at most 100 characters); null once it is deleted.',
    nullable: true,
    type: String,
  })
  content!: string | null;

  @ApiProperty({ description: 'Whether the original was deleted since.' })
  deleted!: boolean;
}

export class MessageDto {
  @ApiProperty({ description: 'Message id (timeuuid): unique, ordered by send time.', format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'The conversation the message belongs to.', format: 'uuid' })
  conversation_id!: string;

  @ApiProperty({ example: 1, type: 'integer' })
  sender_id!: number;

  @ApiProperty({
    description: 'The other member of a direct conversation; null in a group.',
    example: 2,
    nullable: true,
    type: 'integer',
  })
  receiver_id!: number | null;

  @ApiProperty({
    description: 'The text, as last edited; null once the message is deleted.',
    example: 'Hello! 👋',
    nullable: true,
    type: String,
  })
  content!: string | null;

  @ApiProperty({
    description: 'When the service accepted the message (ISO 8601 UTC, milliseconds).',
    format: 'date-time',
  })
  created_at!: string;

  @ApiProperty({
    description: 'When its author last edited it; null if never, or once deleted.',
    format: 'date-time',
    nullable: true,
    type: String,
  })
  edited_at!: string | null;

  @ApiProperty({ description: 'A deleted message stays in history as a placeholder, without content.' })
  deleted!: boolean;

  @ApiProperty({
    type: [ReactionSummaryDto],
    description: 'Reactions by emoji (at most 20 distinct); empty for a deleted message.',
  })
  reactions!: ReactionSummaryDto[];

  @ApiProperty({
    type: ReplyQuoteDto,
    nullable: true,
    description:
      'The message this one replies to, quoted as it reads now (edits and deletes of it show); null if it is no ' +
      'reply. A client keeps quotes current from the original’s message.updated and message.deleted events.',
  })
  reply_to!: ReplyQuoteDto | null;

  @ApiProperty({
    type: [AttachmentSummaryDto],
    description:
      'Files sent with it (GET /api/attachments/{id}), in the order given; empty once it is deleted.',
  })
  attachments!: AttachmentSummaryDto[];
}

export class MessagePageDto {
  @ApiProperty({
    description:
      'Number of messages in the conversation, kept up to date on write. For /before it is still the whole ' +
      "conversation's count: counting only the earlier ones would mean reading the history.",
    type: 'integer',
  })
  total!: number;

  @ApiProperty({ description: 'This page’s number.', type: 'integer' })
  page!: number;

  @ApiProperty({ description: 'Items per page, as requested.', type: 'integer' })
  limit!: number;

  @ApiProperty({ type: [MessageDto], description: 'Messages, newest first; oldest first for `after`.' })
  data!: MessageDto[];

  @ApiProperty({
    description:
      'Pass as cursor to read the next page the same way: older messages, or newer ones for `after`; null on ' +
      'the last page.',
    nullable: true,
    type: String,
  })
  next_cursor!: string | null;
}

export class HistoryPageDto extends MessagePageDto {
  @ApiProperty({
    description:
      'On a page `around` a message: pass as cursor to read the messages newer than the page, oldest first. ' +
      'Null on every other page, and when the page holds the newest message.',
    nullable: true,
    type: String,
  })
  newer_cursor!: string | null;
}

export class SearchPageDto {
  @ApiProperty({ description: 'Hits per page, as requested.', type: 'integer' })
  limit!: number;

  @ApiProperty({ type: [MessageDto], description: 'The messages found, newest first.' })
  data!: MessageDto[];

  @ApiProperty({
    description: 'Pass as cursor (with the same q) to search on; null once the whole history is searched.',
    nullable: true,
    type: String,
  })
  next_cursor!: string | null;
}
