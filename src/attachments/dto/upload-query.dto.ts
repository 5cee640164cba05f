import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { CodePointLength } from '../../common/validation/text-length';

export const MAX_NAME_CHARACTERS = 255;
/** No control characters and no path separators: a name is shown and offered as a file name, never a path. */
const SAFE_NAME = /^[^\p{Cc}/\\]+$/u;

export class UploadQueryDto {
  @ApiPropertyOptional({
    description: `The file's name, 1 to ${MAX_NAME_CHARACTERS} characters without control characters, / or \\ ("attachment" if left out).`,
    minLength: 1,
    maxLength: MAX_NAME_CHARACTERS,
    example: 'photo.jpg',
  })
  @IsOptional()
  @Matches(SAFE_NAME, { message: 'name must not hold control characters, / or \\' })
  @CodePointLength(1, MAX_NAME_CHARACTERS)
  @IsString()
  readonly name?: string;
}
