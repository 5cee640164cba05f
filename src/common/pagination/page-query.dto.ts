import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { toStrictInt } from '../validation/strict-int';
import { CURSOR_PATTERN, MAX_CURSOR_LENGTH } from './cursor';
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_PAGE_OFFSET } from './page-window';

// class-validator runs stacked decorators bottom-up and the pipe reports each field's first failure
// (stopAtFirstError), so the type check stands last: "must be an integer number", not a range, for "abc".
export class PageQueryDto {
  @ApiPropertyOptional({
    description:
      `Page number, from 1. Pages are read from the head of the list, so (page - 1) * limit may be at most ` +
      `${MAX_PAGE_OFFSET}; read further with cursor. With cursor, page may be left out (the cursor carries it).`,
    type: 'integer',
    minimum: 1,
    default: 1,
  })
  @IsOptional()
  @Transform(toStrictInt)
  @Min(1)
  @IsInt()
  readonly page?: number;

  @ApiPropertyOptional({
    description: 'Items per page.',
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIMIT,
    default: DEFAULT_LIMIT,
  })
  @IsOptional()
  @Transform(toStrictInt)
  @Max(MAX_LIMIT)
  @Min(1)
  @IsInt()
  readonly limit?: number;

  @ApiPropertyOptional({
    description:
      'The next_cursor of the previous page, passed back unchanged. A page read by cursor costs the same at any ' +
      'depth, and items added meanwhile neither shift nor repeat what the client has seen. Empty means none.',
    // decodeCursor refuses anything else with the same 400 as a well-formed cursor of another list.
    pattern: CURSOR_PATTERN.source,
    maxLength: MAX_CURSOR_LENGTH,
  })
  // An empty cursor= is "no cursor", as a client that has none yet sends it.
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @MaxLength(MAX_CURSOR_LENGTH)
  @IsString()
  readonly cursor?: string;
}
