/** An uploaded file's facts, as stored beside its chunks. */
export interface Attachment {
  readonly id: string;
  readonly uploaderId: number;
  readonly name: string;
  /** The media type the uploader gave (see content-types.ts for how it is served). */
  readonly contentType: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes, also the ETag. */
  readonly sha256: string;
  /** Pixels, for images whose header says so; null otherwise. */
  readonly width: number | null;
  readonly height: number | null;
  readonly createdAt: Date;
  /** Conversations where a message carries it; empty while it is unsent (and so expiring). */
  readonly sentIn: readonly string[];
}

/** What a message shows of each of its attachments. */
export type AttachmentSummary = Pick<Attachment, 'id' | 'name' | 'size' | 'contentType' | 'width' | 'height'>;

export const summaryOf = ({ id, name, size, contentType, width, height }: Attachment): AttachmentSummary => ({
  id,
  name,
  size,
  contentType,
  width,
  height,
});
