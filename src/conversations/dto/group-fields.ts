import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { CodePointLength, NOT_ONLY_WHITE_SPACE } from '../../common/validation/text-length';
import { MAX_GROUP_MEMBERS } from '../conversation.model';

/** A group's title: 1 to 100 characters, not only white space. */
export function GroupTitleField(example: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: 'The group’s title: 1 to 100 characters, not only white space.',
      minLength: 1,
      maxLength: 100,
      pattern: NOT_ONLY_WHITE_SPACE.source,
      example,
    }),
    IsString(),
    CodePointLength(1, 100, { message: 'title must be 1 to 100 characters long' }),
    Matches(NOT_ONLY_WHITE_SPACE, { message: 'title must not be only white space' }),
  );
}

/** A list of user ids, each a positive integer up to 2^53 - 1, of at least `minItems` and at most a group. */
export function UserIdListField(description: string, minItems: number, example: number[]): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description,
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      minItems,
      maxItems: MAX_GROUP_MEMBERS,
      example,
    }),
    IsArray(),
    ArrayMinSize(minItems),
    ArrayMaxSize(MAX_GROUP_MEMBERS),
    IsInt({ each: true }),
    Min(1, { each: true }),
    Max(Number.MAX_SAFE_INTEGER, { each: true }),
  );
}
