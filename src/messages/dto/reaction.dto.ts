import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator } from 'class-validator';
import { MessageParamsDto } from './message-params.dto';
import { isSingleEmoji } from '../reactions';

function IsSingleEmoji(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSingleEmoji',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'emoji must be one emoji (a single grapheme cluster, URL-encoded in the path)' },
      validator: { validate: (value: unknown) => typeof value === 'string' && isSingleEmoji(value) },
    });
}

export class ReactionParamsDto extends MessageParamsDto {
  @ApiProperty({ description: 'One emoji, URL-encoded (👍 is %F0%9F%91%8D).', example: '👍' })
  @IsSingleEmoji()
  readonly emoji!: string;
}

export class ReactorDto {
  @ApiProperty({ example: 2, type: 'integer' })
  user_id!: number;
}

export class ReactorPageDto {
  @ApiProperty({ description: 'How many members reacted with this emoji.', type: 'integer' })
  total!: number;

  @ApiProperty({ description: 'This page’s number.', type: 'integer' })
  page!: number;

  @ApiProperty({ description: 'Items per page, as requested.', type: 'integer' })
  limit!: number;

  @ApiProperty({ type: [ReactorDto], description: 'In user id order.' })
  data!: ReactorDto[];

  @ApiProperty({
    description: 'Pass as cursor to read the next page; null on the last page.',
    nullable: true,
    type: String,
  })
  next_cursor!: string | null;
}
