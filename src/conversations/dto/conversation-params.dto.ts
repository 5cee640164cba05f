import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ConversationIdParamsDto {
  @ApiProperty({ description: 'Conversation id (UUID).', format: 'uuid' })
  @IsUUID('all')
  readonly conversation_id!: string;
}
