import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { toStrictInt } from '../../common/validation/strict-int';

export class UserIdParamsDto {
  @ApiProperty({
    description: 'User id: a positive integer up to 2^53 - 1.',
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  @Transform(toStrictInt)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly user_id!: number;
}
