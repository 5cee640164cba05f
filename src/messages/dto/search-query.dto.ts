import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsDefined, IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';
import { CodePointLength } from '../../common/validation/text-length';

export const MAX_QUERY_CHARACTERS = 200;
/** A query must hold a word: a letter or a digit of any script. */
const HAS_WORD = /[\p{L}\p{N}]/u;

/** Paged by cursor only: a page number would mean searching every page before it. */
export class SearchQueryDto extends OmitType(PageQueryDto, ['page'] as const) {
  @ApiProperty({
    description:
      `Words to find, 1 to ${MAX_QUERY_CHARACTERS} characters with at least one letter or digit. Matching ignores ` +
      'case and accents ("cafe" finds "Café"); a message matches when it holds every word.',
    minLength: 1,
    maxLength: MAX_QUERY_CHARACTERS,
    example: 'lunch',
  })
  @IsDefined({ message: 'q is required: the words to find' })
  @Matches(HAS_WORD, { message: 'q must hold at least one letter or digit' })
  @CodePointLength(1, MAX_QUERY_CHARACTERS)
  @IsString()
  readonly q!: string;
}
