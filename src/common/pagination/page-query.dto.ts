import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { toStrictInt } from '../validation/strict-int';
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_PAGE_OFFSET } from './page-window';

export class PageQueryDto {
  @ApiPropertyOptional({
    description:
      `Page number, from 1. Pages are read from the head of the list, so (page - 1) * limit may be at most ` +
      `${MAX_PAGE_OFFSET}; read further with cursor. With cursor, page may be left out (the cursor carries it).`,
    minimum: 1,
    default: 1,
    type: Number,
  })
  @IsOptional()
  @Transform(toStrictInt)
  @IsInt()
  @Min(1)
  readonly page?: number;

  @ApiPropertyOptional({
    description: 'Items per page.',
    minimum: 1,
    maximum: MAX_LIMIT,
    default: DEFAULT_LIMIT,
    type: Number,
  })
  @IsOptional()
  @Transform(toStrictInt)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  readonly limit?: number;

  @ApiPropertyOptional({
    description:
      'The next_cursor of the previous page, passed back unchanged. A page read by cursor costs the same at any ' +
      'depth, and items added meanwhile neither shift nor repeat what the client has seen. Empty means none.',
  })
  // An empty cursor= is "no cursor", as a client that has none yet sends it.
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MaxLength(512)
  readonly cursor?: string;
}
