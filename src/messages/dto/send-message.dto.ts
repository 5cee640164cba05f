import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsMessageContent, MAX_CONTENT_CHARACTERS } from '../../common/validation/message-content';

/** What every send carries: the content and the client's id of the send. */
export class ConversationMessageDto {
  @ApiProperty({
    description: `The message: 1 to ${MAX_CONTENT_CHARACTERS} Unicode characters, not only white space. Stored and returned exactly as sent.`,
    minLength: 1,
    maxLength: MAX_CONTENT_CHARACTERS,
    example: 'Hello! 👋',
  })
  @IsMessageContent()
  readonly content!: string;

  @ApiPropertyOptional({
    description:
      'The client’s own id of this send, 1 to 64 characters of letters, digits, _ and -. Always send one: a retry ' +
      'with the same id (same sender, same conversation, within 24 hours) returns the stored message (200, ' +
      'Idempotent-Replayed: true) instead of storing it twice; the same id with other content is a 409.',
    pattern: '^[A-Za-z0-9_-]{1,64}$',
    example: 'b3f1c2d4-retry-safe',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    message: 'client_message_id must be 1 to 64 characters of letters, digits, _ and -',
  })
  readonly client_message_id?: string;
}

/** The direct path: the message, its receiver, and (with an API key) its sender. */
export class SendMessageDto extends ConversationMessageDto {
  @ApiPropertyOptional({
    description:
      'The sending user, a positive integer up to 2^53 - 1. Required with an API key; with a user token it ' +
      'may be left out, and must otherwise be the signed-in user.',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly sender_id?: number;

  @ApiProperty({
    description:
      "The receiving user. The sender's own id opens their notes conversation (a conversation with themselves).",
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
    example: 2,
  })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly receiver_id!: number;
}
