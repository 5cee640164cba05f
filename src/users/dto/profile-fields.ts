import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
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

export function DisplayNameField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description: 'Name shown to others: 1 to 64 characters.', example: 'Alice' }),
    IsOptional(),
    IsString(),
    Length(1, 64, { message: 'display_name must be 1 to 64 characters long' }),
    Matches(/\S/, { message: 'display_name must not be only white space' }),
  );
}
