import { ApiProperty } from '@nestjs/swagger';

export class UserDto {
  @ApiProperty({
    description: 'User id: a positive integer up to 2^53 - 1.',
    example: 26388279066624,
    type: 'integer',
  })
  id!: number;

  @ApiProperty({ description: 'Unique, lower-case.', example: 'alice' })
  username!: string;

  @ApiProperty({ description: 'Name shown to others; null when not set.', nullable: true, type: String })
  display_name!: string | null;

  @ApiProperty({ description: 'When the account was made (ISO 8601 UTC).', format: 'date-time' })
  created_at!: string;
}

export class UserSearchPageDto {
  @ApiProperty({ description: 'This page’s number.', type: 'integer' })
  page!: number;

  @ApiProperty({ description: 'Items per page, as requested.', type: 'integer' })
  limit!: number;

  @ApiProperty({
    type: [UserDto],
    description: 'Users whose username starts with the prefix, in name order.',
  })
  data!: UserDto[];

  @ApiProperty({
    description: 'Pass as cursor to read the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  next_cursor!: string | null;
}
