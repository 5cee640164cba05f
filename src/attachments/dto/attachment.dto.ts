import { ApiProperty } from '@nestjs/swagger';

/** What a message shows of an attachment. */
export class AttachmentSummaryDto {
  @ApiProperty({ format: 'uuid', description: 'Download it with GET /api/attachments/{id}.' })
  id!: string;

  @ApiProperty({ example: 'photo.jpg' })
  name!: string;

  @ApiProperty({ type: 'integer', description: 'Bytes.' })
  size!: number;

  @ApiProperty({
    example: 'image/jpeg',
    description: 'As the uploader gave it (how it is served may differ).',
  })
  content_type!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Pixels, for an image; null otherwise.' })
  width!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Pixels, for an image; null otherwise.' })
  height!: number | null;
}

export class AttachmentDto extends AttachmentSummaryDto {
  @ApiProperty({ description: 'Hex SHA-256 of the bytes as stored; also the ETag of the download.' })
  sha256!: string;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}
