import { MAX_GROUP_MEMBERS } from '../conversation.model';
import { GroupTitleField, UserIdListField } from './group-fields';

export class CreateGroupDto {
  @GroupTitleField('Weekend trip')
  readonly title!: string;

  @UserIdListField(
    `The other members' user ids (the creator is added as owner). Repeated ids are folded; with the ` +
      `creator a group has 3 to ${MAX_GROUP_MEMBERS} members.`,
    2,
    [2, 3],
  )
  readonly member_ids!: number[];
}
