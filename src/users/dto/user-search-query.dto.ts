import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';

const USERNAME_PREFIX_PATTERN = /^[A-Za-z0-9_.]{3,32}$/;

export class UserSearchQueryDto extends PageQueryDto {
  @ApiProperty({
    description: 'The start of the usernames to find: 3 to 32 characters of letters, digits, _ and .',
    pattern: USERNAME_PREFIX_PATTERN.source,
    example: 'ali',
  })
  // The pattern is checked first (stacked decorators run bottom-up): a missing prefix is told the rule.
  @IsString()
  @Matches(USERNAME_PREFIX_PATTERN, {
    message: 'username_prefix must be 3 to 32 characters of letters, digits, _ and .',
  })
  readonly username_prefix!: string;
}
