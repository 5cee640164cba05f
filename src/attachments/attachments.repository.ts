import { Injectable } from '@nestjs/common';
import { Client, types } from 'cassandra-driver';
import { InjectCassandra } from '../cassandra/cassandra.tokens';
import { Attachment } from './attachment.model';
import { partOf } from './attachment-chunks';
import {
  DELETE_CHUNK_PART,
  INSERT_ATTACHMENT,
  INSERT_CHUNK,
  KEEP_ATTACHMENT,
  RECORD_SWEPT,
  RECORD_UPLOAD,
  SELECT_ATTACHMENT,
  SELECT_CHUNK,
  SELECT_SWEPT,
  SELECT_UPLOADS,
} from './attachment-statements';

const READ = { prepare: true, isIdempotent: true };
const WRITE = { prepare: true, isIdempotent: true };
/** The sweep's one progress row. */
const UNSENT_SWEEP = 'unsent';

const long = (value: number) => types.Long.fromNumber(value);
const uuid = (id: string) => types.Uuid.fromString(id);

/** An upload as the sweep lists it: the file, and how many chunk partitions it may have written. */
export interface ListedUpload {
  readonly attachmentId: string;
  readonly parts: number;
}

@Injectable()
export class AttachmentsRepository {
  constructor(@InjectCassandra() private readonly client: Client) {}

  async insertAttachment(attachment: Attachment, ttlSeconds: number): Promise<void> {
    await this.client.execute(
      INSERT_ATTACHMENT,
      [uuid(attachment.id), ...factsOf(attachment), ttlSeconds],
      WRITE,
    );
  }

  /** The row rewritten without its TTL, with the conversation a message carried it into. */
  async keepAttachment(attachment: Attachment, conversationId: string): Promise<void> {
    await this.client.execute(
      KEEP_ATTACHMENT,
      [...factsOf(attachment), [uuid(conversationId)], uuid(attachment.id)],
      WRITE,
    );
  }

  async findAttachment(id: string): Promise<Attachment | undefined> {
    const row = (await this.client.execute(SELECT_ATTACHMENT, [uuid(id)], READ)).first();
    if (!row) return undefined;
    return {
      id,
      uploaderId: (row.get('uploader_id') as types.Long).toNumber(),
      name: row.get('name') as string,
      contentType: row.get('content_type') as string,
      size: (row.get('size') as types.Long).toNumber(),
      sha256: (row.get('sha256') as Buffer).toString('hex'),
      width: (row.get('width') as number | null) ?? null,
      height: (row.get('height') as number | null) ?? null,
      createdAt: row.get('created_at') as Date,
      sentIn: ((row.get('sent_in') as types.Uuid[] | null) ?? []).map((id) => id.toString()),
    };
  }

  async writeChunk(attachmentId: string, chunk: number, data: Buffer): Promise<void> {
    await this.client.execute(INSERT_CHUNK, [uuid(attachmentId), partOf(chunk), chunk, data], WRITE);
  }

  async readChunk(attachmentId: string, chunk: number): Promise<Buffer | undefined> {
    const row = (
      await this.client.execute(SELECT_CHUNK, [uuid(attachmentId), partOf(chunk), chunk], READ)
    ).first();
    return row ? (row.get('data') as Buffer) : undefined;
  }

  /** The upload's row in the list of its start time's bucket, saying how many partitions it reached. */
  async recordUpload(bucket: number, attachmentId: string, parts: number, ttlSeconds: number): Promise<void> {
    await this.client.execute(RECORD_UPLOAD, [ttlSeconds, parts, long(bucket), uuid(attachmentId)], WRITE);
  }

  async listUploads(bucket: number): Promise<ListedUpload[]> {
    const uploads: ListedUpload[] = [];
    let pageState: string | undefined;
    // Page after page: a bucket holds every upload of its hour.
    do {
      const result = await this.client.execute(SELECT_UPLOADS, [long(bucket)], {
        ...READ,
        fetchSize: 1000,
        pageState,
      });
      for (const row of result.rows) {
        uploads.push({
          attachmentId: (row.get('attachment_id') as types.Uuid).toString(),
          parts: (row.get('parts') as number | null) ?? 0,
        });
      }
      pageState = result.pageState ?? undefined;
    } while (pageState !== undefined);
    return uploads;
  }

  async deleteChunks(attachmentId: string, parts: number): Promise<void> {
    await Promise.all(
      Array.from({ length: parts }, (_, part) =>
        this.client.execute(DELETE_CHUNK_PART, [uuid(attachmentId), part], WRITE),
      ),
    );
  }

  async sweptThrough(): Promise<number | undefined> {
    const row = (await this.client.execute(SELECT_SWEPT, [UNSENT_SWEEP], READ)).first();
    const value = row?.get('swept_through') as types.Long | null | undefined;
    return value ? value.toNumber() : undefined;
  }

  async recordSwept(bucket: number): Promise<void> {
    await this.client.execute(RECORD_SWEPT, [long(bucket), UNSENT_SWEEP], WRITE);
  }
}

function factsOf(attachment: Attachment): unknown[] {
  return [
    long(attachment.uploaderId),
    attachment.name,
    attachment.contentType,
    long(attachment.size),
    Buffer.from(attachment.sha256, 'hex'),
    attachment.width ?? types.unset,
    attachment.height ?? types.unset,
    attachment.createdAt,
  ];
}
