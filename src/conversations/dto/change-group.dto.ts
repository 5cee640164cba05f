import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { toStrictInt } from '../../common/validation/strict-int';
import { MAX_GROUP_MEMBERS } from '../conversation.model';

export class AddMembersDto {
  @ApiProperty({
    description: `Users to add; repeated ids and present members are folded. A group holds at most ${MAX_GROUP_MEMBERS}.`,
    type: [Number],
    minItems: 1,
    maxItems: MAX_GROUP_MEMBERS,
    example: [4, 5],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_GROUP_MEMBERS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(Number.MAX_SAFE_INTEGER, { each: true })
  readonly user_ids!: number[];
}

export class RenameGroupDto {
  @ApiProperty({ description: 'The group’s new title: 1 to 100 characters.', example: 'Weekend trip 2' })
  @IsString()
  @Length(1, 100, { message: 'title must be 1 to 100 characters long' })
  @Matches(/\S/, { message: 'title must not be only white space' })
  readonly title!: string;
}

export class MemberParamsDto {
  @ApiProperty({ description: 'Conversation id (UUID).', format: 'uuid' })
  @IsUUID('all')
  readonly conversation_id!: string;

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
