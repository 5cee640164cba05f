import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { TIME_UUID_PATTERN } from '../../common/validation/message-id';
import { IsMessageContent, MAX_CONTENT_CHARACTERS } from '../../common/validation/message-content';
import { NOT_ONLY_WHITE_SPACE } from '../../common/validation/text-length';

/**
 * Optional, but not nullable: unlike @IsOptional(), a null is validated (and refused by name) rather than
 * passed on as if it were a value.
 */
const IsLeftOut = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

// Stacked decorators run bottom-up and the pipe reports each field's first failure (stopAtFirstError): the
// type checks stand last, so a null or a string is named as such rather than as out of range.
const CLIENT_MESSAGE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const MAX_ATTACHMENTS = 10;

/** What every send carries: the content and the client's id of the send. */
export class ConversationMessageDto {
  @ApiProperty({
    description: `The message: 1 to ${MAX_CONTENT_CHARACTERS} Unicode characters, not only white space. Stored and returned exactly as sent.`,
    minLength: 1,
    maxLength: MAX_CONTENT_CHARACTERS,
    pattern: NOT_ONLY_WHITE_SPACE.source,
    example: 'Hello! 👋',
  })
  @IsMessageContent()
  readonly content!: string;

  @ApiPropertyOptional({
    description:
      'The client’s own id of this send, 1 to 64 characters of letters, digits, _ and -. Always send one: a retry ' +
      'with the same id (same sender, same conversation, within 24 hours) returns the stored message (200, ' +
      'Idempotent-Replayed: true) instead of storing it twice; the same id with other content is a 409.',
    pattern: CLIENT_MESSAGE_ID_PATTERN.source,
    example: 'b3f1c2d4-retry-safe',
  })
  @IsLeftOut()
  @Matches(CLIENT_MESSAGE_ID_PATTERN, {
    message: 'client_message_id must be 1 to 64 characters of letters, digits, _ and -',
  })
  @IsString()
  readonly client_message_id?: string;

  @ApiPropertyOptional({
    description:
      'A message of the same conversation this one replies to (404 otherwise). The reply carries a quote of it ' +
      '(reply_to), read as the original is now: it follows the original’s edits and shows its deletion.',
    format: 'uuid',
    pattern: TIME_UUID_PATTERN,
  })
  @IsLeftOut()
  @Matches(new RegExp(TIME_UUID_PATTERN), {
    message: 'reply_to_message_id must be a message id (a version-1 UUID)',
  })
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  readonly reply_to_message_id?: string;

  @ApiPropertyOptional({
    description:
      `Up to ${MAX_ATTACHMENTS} files uploaded by the sender (POST /api/attachments), shown in this order; ` +
      'an id that is not one of the sender’s uploads is a 404 before anything is written. Once sent, a file no ' +
      'longer expires and the conversation’s members can download it.',
    type: [String],
    format: 'uuid',
    maxItems: MAX_ATTACHMENTS,
    uniqueItems: true,
  })
  @IsLeftOut()
  @IsUUID('all', { each: true, message: 'attachment_ids must hold attachment ids (UUIDs)' })
  @ArrayUnique({ message: 'attachment_ids must not name a file twice' })
  @ArrayMaxSize(MAX_ATTACHMENTS, { message: `attachment_ids may hold at most ${MAX_ATTACHMENTS} ids` })
  @IsArray({ message: 'attachment_ids must be an array of attachment ids' })
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? value.map((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id))
      : value,
  )
  readonly attachment_ids?: string[];
}

/** The direct path: the message, its receiver, and (with an API key) its sender. */
export class SendMessageDto extends ConversationMessageDto {
  @ApiPropertyOptional({
    description:
      'The sending user, a positive integer up to 2^53 - 1. Required with an API key; with a user token it ' +
      'may be left out, and must otherwise be the signed-in user.',
    type: 'integer',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 1,
  })
  @IsLeftOut()
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  @IsInt()
  readonly sender_id?: number;

  @ApiProperty({
    description:
      "The receiving user. The sender's own id opens their notes conversation (a conversation with themselves).",
    type: 'integer',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 2,
  })
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  @IsInt()
  readonly receiver_id!: number;
}

/** An edit: the new content, under the same rules as a send's. */
export class EditMessageDto {
  @ApiProperty({
    description: `The new text: 1 to ${MAX_CONTENT_CHARACTERS} Unicode characters, not only white space.`,
    minLength: 1,
    maxLength: MAX_CONTENT_CHARACTERS,
    pattern: NOT_ONLY_WHITE_SPACE.source,
    example: 'Hello again! 👋',
  })
  @IsMessageContent()
  readonly content!: string;
}
