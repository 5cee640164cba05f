import { Attachment, AttachmentSummary } from './attachment.model';
import { AttachmentDto, AttachmentSummaryDto } from './dto/attachment.dto';

export function toAttachmentSummaryDto(summary: AttachmentSummary): AttachmentSummaryDto {
  return {
    id: summary.id,
    name: summary.name,
    size: summary.size,
    content_type: summary.contentType,
    width: summary.width,
    height: summary.height,
  };
}

export function toAttachmentDto(attachment: Attachment): AttachmentDto {
  return {
    ...toAttachmentSummaryDto(attachment),
    sha256: attachment.sha256,
    created_at: attachment.createdAt.toISOString(),
  };
}
