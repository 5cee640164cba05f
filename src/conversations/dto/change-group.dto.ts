import { ApiProperty, IntersectionType } from '@nestjs/swagger';
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
import { UserIdParamsDto } from '../../users/dto/user-params.dto';
import { ConversationIdParamsDto } from './conversation-params.dto';
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

/** A conversation and one of its members, as in /api/conversations/{conversation_id}/members/{user_id}. */
export class MemberParamsDto extends IntersectionType(ConversationIdParamsDto, UserIdParamsDto) {}
