import { Injectable } from '@nestjs/common';
import { Caller } from '../common/auth/caller';
import { InvalidRequestError, NotFoundError } from '../common/errors/domain-errors';
import { decodeCursor, encodeCursor, peekCursorKind } from '../common/pagination/cursor';
import { Page, pageFrom } from '../common/pagination/page';
import { DEFAULT_LIMIT, PageRequest, pageWindow } from '../common/pagination/page-window';
import { isTimeUuid, minTimeUuid } from '../common/time/time-uuid';
import { ConversationsService } from '../conversations/conversations.service';
import { ForwardReads, HistoryReads, walkForward, walkHistory } from './history-walk';
import { HistoryPosition, Message } from './message.model';
import { MessagesRepository } from './messages.repository';
import { ReplyQuotesService } from './reply-quotes.service';

/** Where a page of history starts, besides the head and a cursor: after a message, or around one. */
export interface HistoryRequest extends PageRequest {
  readonly after?: string;
  readonly around?: string;
}

/** A page of history and, for a page around a message, where the newer messages continue (oldest first). */
export interface HistoryPage extends Page<Message> {
  readonly newerCursor: string | null;
}

/** Cursor kinds: "m" continues older (newest first), "f" continues newer (oldest first). */
const OLDER = 'm';
const NEWER = 'f';

const isHistoryPosition = (value: unknown): value is HistoryPosition =>
  typeof value === 'object' && value !== null && isTimeUuid((value as Record<string, unknown>).id);

/** The position just before an instant: messages created strictly earlier, to the millisecond. */
function positionBefore(epochMs: number): HistoryPosition {
  // Stored times have millisecond precision, so "before 12:00:00.0005" means "at or before 12:00:00.000".
  return { id: minTimeUuid(new Date(Math.max(0, Math.ceil(epochMs)))) };
}

/** after, around, cursor and page each name where a page starts: at most one of them may be sent. */
function assertOneStart(request: HistoryRequest): void {
  const named = (['after', 'around', 'cursor', 'page'] as const).filter(
    (field) => request[field] !== undefined,
  );
  if (named.length > 1 && (request.after !== undefined || request.around !== undefined)) {
    throw new InvalidRequestError(`${named.join(' and ')} each say where the page starts; send one of them`);
  }
}

/**
 * Reading a conversation's history: pages newest first from the head, a cursor or an instant; pages oldest
 * first after a message; and the page around a message. Every page costs the same at any depth.
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly conversations: ConversationsService,
    private readonly quotes: ReplyQuotesService,
  ) {}

  async listHistory(
    conversationId: string,
    caller: Caller,
    request: HistoryRequest,
    beforeEpochMs?: number,
  ): Promise<HistoryPage> {
    assertOneStart(request);
    const limit = request.limit;
    if (request.around !== undefined) return this.listAround(conversationId, caller, request.around, limit);
    if (request.after !== undefined)
      return this.listForward(conversationId, caller, { limit }, request.after);
    if (request.cursor !== undefined && peekCursorKind(request.cursor) === NEWER) {
      return this.listForward(conversationId, caller, request);
    }
    const window = pageWindow(request, (raw) => decodeCursor(raw, OLDER, conversationId, isHistoryPosition));
    const start = window.after ?? (beforeEpochMs === undefined ? undefined : positionBefore(beforeEpochMs));
    // The membership check runs beside the reads, so it adds no round trip; nothing read is returned
    // unless it passes.
    const [, total, messages] = await Promise.all([
      this.conversations.assertMember(conversationId, caller),
      this.conversations.countMessages(conversationId),
      walkHistory(this.reads(conversationId), start?.id, window.offset + window.limit + 1),
    ]);
    const page = pageFrom(messages, window, total, (last, next) =>
      this.cursor(OLDER, conversationId, next, last),
    );
    return { ...page, data: await this.quotes.attach(page.data), newerCursor: null };
  }

  /**
   * What a member missed after a message they have seen: up to `limit` messages newer than `afterId`, oldest
   * first, and whether more follow.
   */
  async listAfter(
    conversationId: string,
    caller: Caller,
    afterId: string,
    limit: number,
  ): Promise<{ messages: Message[]; hasMore: boolean }> {
    const [, found] = await Promise.all([
      this.conversations.assertMember(conversationId, caller),
      walkForward(this.reads(conversationId), afterId, limit + 1),
    ]);
    return { messages: await this.quotes.attach(found.slice(0, limit)), hasMore: found.length > limit };
  }

  /** Messages newer than a position (`after`, or a newer cursor's), oldest first; next_cursor goes on. */
  private async listForward(
    conversationId: string,
    caller: Caller,
    request: PageRequest,
    afterId?: string,
  ): Promise<HistoryPage> {
    const window = pageWindow(request, (raw) => decodeCursor(raw, NEWER, conversationId, isHistoryPosition));
    const from = afterId ?? (window.after as HistoryPosition).id;
    const [total, found] = await Promise.all([
      this.conversations.countMessages(conversationId),
      this.listAfter(conversationId, caller, from, window.limit),
    ]);
    return {
      total,
      page: window.page,
      limit: window.limit,
      data: found.messages,
      nextCursor: found.hasMore
        ? this.cursor(NEWER, conversationId, window.page + 1, found.messages.at(-1)!)
        : null,
      newerCursor: null,
    };
  }

  /**
   * The page that holds a message, newest first: as many newer messages as older ones around it where there
   * are enough, with next_cursor to read older and newer_cursor to read newer. Both halves are read beside
   * the message itself, each at the cost of one page.
   */
  private async listAround(
    conversationId: string,
    caller: Caller,
    messageId: string,
    requestedLimit: number | undefined,
  ): Promise<HistoryPage> {
    const limit = requestedLimit ?? DEFAULT_LIMIT;
    const reads = this.reads(conversationId);
    const [, total, located, older, newer] = await Promise.all([
      this.conversations.assertMember(conversationId, caller),
      this.conversations.countMessages(conversationId),
      this.repository.findMessage(conversationId, messageId),
      walkHistory(reads, messageId, limit),
      walkForward(reads, messageId, limit),
    ]);
    if (!located) throw new NotFoundError(`message ${messageId} not found in conversation ${conversationId}`);
    let newerTaken = Math.min(newer.length, Math.floor((limit - 1) / 2));
    const olderTaken = Math.min(older.length, limit - 1 - newerTaken);
    newerTaken = Math.min(newer.length, limit - 1 - olderTaken);
    const data = [...newer.slice(0, newerTaken).reverse(), located.message, ...older.slice(0, olderTaken)];
    return {
      total,
      page: 1,
      limit,
      data: await this.quotes.attach(data),
      nextCursor: older.length > olderTaken ? this.cursor(OLDER, conversationId, 2, data.at(-1)!) : null,
      newerCursor: newer.length > newerTaken ? this.cursor(NEWER, conversationId, 2, data[0]) : null,
    };
  }

  private reads(conversationId: string): HistoryReads & ForwardReads {
    return {
      listBuckets: (atMost, limit) => this.repository.listBuckets(conversationId, atMost, limit),
      listBucketsAfter: (after, limit) => this.repository.listBucketsAfter(conversationId, after, limit),
      readBucket: (bucket, beforeId, limit) =>
        this.repository.readBucket(conversationId, bucket, beforeId, limit),
      readBucketAfter: (bucket, afterId, limit) =>
        this.repository.readBucketAfter(conversationId, bucket, afterId, limit),
    };
  }

  private cursor(kind: string, conversationId: string, page: number, last: Message): string {
    return encodeCursor({ kind, scope: conversationId, page, position: { id: last.id } });
  }
}
