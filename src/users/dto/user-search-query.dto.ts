import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/page-query.dto';

export class UserSearchQueryDto extends PageQueryDto {
  @ApiProperty({
    description: 'The start of the usernames to find: 3 to 32 characters of letters, digits, _ and .',
    example: 'ali',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_.]{3,32}$/, {
    message: 'username_prefix must be 3 to 32 characters of letters, digits, _ and .',
  })
  readonly username_prefix!: string;
}
