import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AttachmentIdParamsDto {
  @ApiProperty({ description: 'Attachment id (UUID).', format: 'uuid' })
  @IsUUID('all')
  readonly attachment_id!: string;
}
