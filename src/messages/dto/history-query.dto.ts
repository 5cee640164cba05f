import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { ISO_TIMESTAMP_PATTERN } from '../../common/time/iso-timestamp';
import { IsIsoTimestamp } from '../../common/validation/iso-timestamp.validator';
import { TIME_UUID_PATTERN } from '../../common/validation/message-id';

const lowerCase = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toLowerCase() : value;

export class BeforeQueryDto extends PageQueryDto {
  @ApiProperty({
    description:
      'ISO 8601 instant; only messages created strictly before it are listed. Without a zone it is UTC. ' +
      'Examples: 2024-03-01T12:00:00Z, 2024-03-01T14:00:00+02:00, 2024-03-01.',
    pattern: ISO_TIMESTAMP_PATTERN,
    example: '2024-03-01T12:00:00Z',
  })
  @IsDefined()
  @IsString()
  @MaxLength(64)
  @IsIsoTimestamp()
  readonly before_timestamp!: string;
}

/** The head, a cursor or a page number, as for every list; or a position by message id. */
export class HistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description:
      'A message id: lists the messages after it, oldest first (next_cursor reads on towards the newest). ' +
      'For opening a conversation at the first unread message: pass last_read_message_id. Not with around, ' +
      'cursor or page.',
    format: 'uuid',
    pattern: TIME_UUID_PATTERN,
  })
  @IsOptional()
  @Transform(lowerCase)
  @Matches(new RegExp(TIME_UUID_PATTERN), { message: 'after must be a message id (a version-1 UUID)' })
  readonly after?: string;

  @ApiPropertyOptional({
    description:
      'A message id of this conversation: answers the page that holds it, newest first, with about as many ' +
      'newer messages as older ones; next_cursor reads older, newer_cursor newer. For jumping to a search hit ' +
      'or a quoted message. 404 if the conversation has no such message. Not with after, cursor or page.',
    format: 'uuid',
    pattern: TIME_UUID_PATTERN,
  })
  @IsOptional()
  @Transform(lowerCase)
  @Matches(new RegExp(TIME_UUID_PATTERN), { message: 'around must be a message id (a version-1 UUID)' })
  readonly around?: string;
}
