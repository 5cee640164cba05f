import { MESSAGE_ID_MESSAGE, TIME_UUID_PATTERN } from '../../common/validation/message-id';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ConversationIdParamsDto } from '../../conversations/dto/conversation-params.dto';

export class MessageParamsDto extends ConversationIdParamsDto {
  @ApiProperty({
    description: 'Message id (a version-1 UUID) of a message of this conversation.',
    format: 'uuid',
    pattern: TIME_UUID_PATTERN,
  })
  @Matches(new RegExp(TIME_UUID_PATTERN), { message: MESSAGE_ID_MESSAGE })
  readonly message_id!: string;
}
