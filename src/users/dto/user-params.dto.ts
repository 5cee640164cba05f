import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { toStrictInt } from '../../common/validation/strict-int';

// class-validator runs stacked decorators bottom-up and the pipe reports each field's first failure
// (stopAtFirstError), so the type check stands last: "must be an integer number", not a range, for "abc".
export class UserIdParamsDto {
  @ApiProperty({
    description: 'User id: a positive integer up to 2^53 - 1.',
    type: 'integer',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  @Transform(toStrictInt)
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  @IsInt()
  readonly user_id!: number;
}
