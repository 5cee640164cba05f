import { IntersectionType } from '@nestjs/swagger';
import { UserIdParamsDto } from '../../users/dto/user-params.dto';
import { MAX_GROUP_MEMBERS } from '../conversation.model';
import { ConversationIdParamsDto } from './conversation-params.dto';
import { GroupTitleField, UserIdListField } from './group-fields';

export class AddMembersDto {
  @UserIdListField(
    `Users to add; repeated ids and present members are folded. A group holds at most ${MAX_GROUP_MEMBERS}.`,
    1,
    [4, 5],
  )
  readonly user_ids!: number[];
}

export class RenameGroupDto {
  @GroupTitleField('Weekend trip 2')
  readonly title!: string;
}

/** A conversation and one of its members, as in /api/conversations/{conversation_id}/members/{user_id}. */
export class MemberParamsDto extends IntersectionType(ConversationIdParamsDto, UserIdParamsDto) {}
