import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { MAX_GROUP_MEMBERS } from '../conversation.model';

export class CreateGroupDto {
  @ApiProperty({ description: 'The group’s title: 1 to 100 characters.', example: 'Weekend trip' })
  @IsString()
  @Length(1, 100, { message: 'title must be 1 to 100 characters long' })
  @Matches(/\S/, { message: 'title must not be only white space' })
  readonly title!: string;

  @ApiProperty({
    description:
      `The other members' user ids (the creator is added as owner). Repeated ids are folded; with the ` +
      `creator a group has 3 to ${MAX_GROUP_MEMBERS} members.`,
    type: [Number],
    minItems: 2,
    maxItems: MAX_GROUP_MEMBERS,
    example: [2, 3],
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_GROUP_MEMBERS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(Number.MAX_SAFE_INTEGER, { each: true })
  readonly member_ids!: number[];
}
