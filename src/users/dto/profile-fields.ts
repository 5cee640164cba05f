import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { CodePointLength, NOT_ONLY_WHITE_SPACE } from '../../common/validation/text-length';
import { USERNAME_PATTERN, USERNAME_RULE } from '../username';

/** The username of a request body: checked against the allowed set, compared lower-case. */
export function UsernameField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description:
        '3 to 32 characters of letters, digits, _ and .; unique case-insensitively, stored lower-case.',
      pattern: USERNAME_PATTERN.source,
      example: 'alice',
    }),
    IsString(),
    Matches(USERNAME_PATTERN, { message: `username ${USERNAME_RULE}` }),
  );
}

/** An optional display name; null, like leaving it out, means none. */
export function DisplayNameField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      description: 'Name shown to others: 1 to 64 characters, not only white space. Null or left out: none.',
      type: String,
      nullable: true,
      minLength: 1,
      maxLength: 64,
      pattern: NOT_ONLY_WHITE_SPACE.source,
      example: 'Alice',
    }),
    IsOptional(),
    IsString(),
    CodePointLength(1, 64, { message: 'display_name must be 1 to 64 characters long' }),
    Matches(NOT_ONLY_WHITE_SPACE, { message: 'display_name must not be only white space' }),
  );
}
