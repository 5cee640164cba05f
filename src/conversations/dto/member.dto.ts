import { ApiProperty } from '@nestjs/swagger';

export class MemberDto {
  @ApiProperty({ example: 2, type: 'integer' })
  user_id!: number;

  @ApiProperty({ enum: ['owner', 'admin', 'member'] })
  role!: 'owner' | 'admin' | 'member';

  @ApiProperty({ description: 'When the user became a member (ISO 8601 UTC).', format: 'date-time' })
  added_at!: string;
}

export class MemberPageDto {
  @ApiProperty({ description: 'Number of members of the conversation.', type: 'integer' })
  total!: number;

  @ApiProperty({ description: 'This page’s number.', type: 'integer' })
  page!: number;

  @ApiProperty({ description: 'Items per page, as requested.', type: 'integer' })
  limit!: number;

  @ApiProperty({ type: [MemberDto], description: 'Members in user id order.' })
  data!: MemberDto[];

  @ApiProperty({
    description: 'Pass as cursor to read the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  next_cursor!: string | null;
}
