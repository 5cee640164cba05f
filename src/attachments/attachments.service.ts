import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { imageSize } from 'image-size';
import { Caller } from '../common/auth/caller';
import { InvalidRequestError, NotFoundError, TooLargeError } from '../common/errors/domain-errors';
import { Clock } from '../common/time/clock';
import { AppConfig, AttachmentsConfig } from '../config/app-config';
import { ConversationsService } from '../conversations/conversations.service';
import { Attachment } from './attachment.model';
import { CHUNK_BYTES, Chunker, chunkSpan, partOf } from './attachment-chunks';
import { AttachmentsRepository } from './attachments.repository';
import { UploadSchedule } from './upload-schedule';

/** Chunk writes of one upload in flight at once: the network keeps arriving while the database writes. */
const WRITES_IN_FLIGHT = 4;
/** The conversations one attachment may be sent into; past that, it is uploaded again. */
export const MAX_CONVERSATIONS_PER_ATTACHMENT = 20;

export interface UploadInput {
  readonly name: string;
  readonly contentType: string;
  /** The Content-Length, when the client sent one. */
  readonly declaredBytes?: number;
}

/**
 * Files stored in Cassandra (see SCHEMA.md, "attachments"): streamed in and out a chunk at a time, so no
 * request holds a whole file in memory. An upload is visible only once every chunk and then its facts are
 * written; until a message carries it, its facts expire by TTL and the sweep deletes its chunks.
 */
@Injectable()
export class AttachmentsService {
  private readonly config: AttachmentsConfig;
  readonly schedule: UploadSchedule;

  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly conversations: ConversationsService,
    @Inject(Clock) private readonly clock: Clock,
    config: ConfigService<AppConfig, true>,
  ) {
    this.config = config.get('attachments', { infer: true });
    this.schedule = new UploadSchedule(this.config);
  }

  get uploadTimeoutMs(): number {
    return this.config.uploadTimeoutMs;
  }

  get sweepIntervalMs(): number {
    return this.config.sweepIntervalMs;
  }

  /** Refused before a byte is read when the client says it is too large. */
  assertAcceptable(declaredBytes: number | undefined): void {
    if (declaredBytes !== undefined && declaredBytes > this.config.maxBytes) throw this.tooLarge();
  }

  async upload(uploaderId: number, body: AsyncIterable<Buffer>, input: UploadInput): Promise<Attachment> {
    this.assertAcceptable(input.declaredBytes);
    const id = randomUUID();
    const createdAt = this.clock.now();
    const bucket = this.schedule.bucketOf(createdAt.getTime());
    const rowTtl = this.schedule.uploadRowTtlSeconds;
    // Listed before any chunk is written, so the sweep finds whatever an interrupted upload leaves.
    await this.repository.recordUpload(bucket, id, 0, rowTtl);
    const hash = createHash('sha256');
    const chunker = new Chunker();
    const writes: Promise<void>[] = [];
    let size = 0;
    let chunks = 0;
    let parts = 0;
    let head: Buffer | undefined;
    const store = async (data: Buffer) => {
      const index = chunks;
      chunks += 1;
      if (index === 0) head = data;
      if (partOf(index) >= parts) {
        parts = partOf(index) + 1;
        await this.repository.recordUpload(bucket, id, parts, rowTtl);
      }
      const write = this.repository.writeChunk(id, index, data);
      // Awaited below; handled now so a failure while others are in flight is not reported as unhandled.
      write.catch(() => undefined);
      writes.push(write);
      if (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
    };
    try {
      for await (const piece of body) {
        size += piece.length;
        if (size > this.config.maxBytes) throw this.tooLarge();
        hash.update(piece);
        for (const full of chunker.push(piece)) await store(full);
      }
    } catch (error: unknown) {
      if (error instanceof TooLargeError) throw error;
      throw new InvalidRequestError(`the upload was cut off after ${size} bytes; nothing was stored`);
    }
    const last = chunker.end();
    if (last) await store(last);
    await Promise.all(writes);
    const attachment: Attachment = {
      id,
      uploaderId,
      name: input.name,
      contentType: input.contentType,
      size,
      sha256: hash.digest('hex'),
      ...dimensionsOf(input.contentType, head),
      createdAt,
      sentIn: [],
    };
    await this.repository.insertAttachment(attachment, this.config.unsentTtlSeconds);
    return attachment;
  }

  /**
   * An attachment the caller may read: their own upload, or one sent into a conversation they are a member
   * of; a trusted backend reads any. 404 otherwise, as for an id that does not exist.
   */
  async open(caller: Caller, id: string): Promise<Attachment> {
    const attachment = await this.repository.findAttachment(id);
    const missing = new NotFoundError(`attachment ${id} does not exist`);
    if (!attachment) throw missing;
    if (caller.kind === 'service' || attachment.uploaderId === caller.userId) return attachment;
    try {
      await Promise.any(
        attachment.sentIn.map((conversationId) => this.conversations.assertMember(conversationId, caller)),
      );
      return attachment;
    } catch {
      throw missing;
    }
  }

  /** The bytes start to end (inclusive), a chunk at a time, read one chunk ahead of the one being sent. */
  async *read(attachment: Attachment, start: number, end: number): AsyncGenerator<Buffer> {
    if (end < start) return;
    const { first, last } = chunkSpan(start, end);
    let next = this.repository.readChunk(attachment.id, first);
    for (let chunk = first; chunk <= last; chunk += 1) {
      const data = await next;
      if (chunk < last) next = this.repository.readChunk(attachment.id, chunk + 1);
      if (!data) throw new Error(`chunk ${chunk} of attachment ${attachment.id} is missing`);
      const chunkStart = chunk * CHUNK_BYTES;
      yield data.subarray(Math.max(0, start - chunkStart), Math.min(data.length, end - chunkStart + 1));
    }
  }

  /**
   * The sender's own uploads, in the order given: 404 naming attachment_ids for an id that is not one (not
   * theirs, expired, or never uploaded). Reads only, so a send it refuses has written nothing.
   */
  async resolveForSend(
    senderId: number,
    ids: readonly string[],
    conversationId?: string,
  ): Promise<Attachment[]> {
    const found = await Promise.all(ids.map((id) => this.repository.findAttachment(id)));
    return found.map((attachment, index) => {
      if (!attachment || attachment.uploaderId !== senderId) {
        throw new NotFoundError(
          `attachment_ids: attachment ${ids[index]} is not an upload of user ${senderId}`,
        );
      }
      const elsewhere = conversationId === undefined || !attachment.sentIn.includes(conversationId);
      if (elsewhere && attachment.sentIn.length >= MAX_CONVERSATIONS_PER_ATTACHMENT) {
        throw new InvalidRequestError(
          `attachment_ids: attachment ${attachment.id} is already in ${MAX_CONVERSATIONS_PER_ATTACHMENT} conversations; upload it again`,
        );
      }
      return attachment;
    });
  }

  /** Made permanent, as sent into the conversation: before the message is written, so it never expires under it. */
  async keep(attachments: readonly Attachment[], conversationId: string): Promise<void> {
    await Promise.all(
      attachments.map((attachment) => this.repository.keepAttachment(attachment, conversationId)),
    );
  }

  private tooLarge(): TooLargeError {
    return new TooLargeError(`an attachment may hold at most ${this.config.maxBytes} bytes`);
  }
}

/** Width and height from an image's header, when its type says image and the header reads as one. */
function dimensionsOf(
  contentType: string,
  head: Buffer | undefined,
): { width: number | null; height: number | null } {
  if (!contentType.startsWith('image/') || head === undefined) return { width: null, height: null };
  try {
    const { width, height } = imageSize(head);
    return { width: width ?? null, height: height ?? null };
  } catch {
    return { width: null, height: null };
  }
}
