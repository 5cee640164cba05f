import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Caller, userIdOf } from '../common/auth/caller';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { DEFAULT_LIMIT } from '../common/pagination/page-window';
import { ConversationsService } from '../conversations/conversations.service';
import { isInboxPosition, ListPosition } from '../conversations/inbox';
import { Message } from './message.model';
import { MessagesRepository } from './messages.repository';
import { ReplyQuotesService } from './reply-quotes.service';
import { isSearchPosition, searchConversationFrom, SearchPosition, SearchStep } from './search-walk';
import { searchTerms } from './search-terms';

/** Statements one page may run: bucket lists and index queries, each within one partition. */
export const QUERIES_PER_PAGE = 40;
/** Conversations one page of a search across them may start on, read from the caller's list. */
export const CONVERSATIONS_PER_PAGE = 20;

export interface SearchPage {
  readonly limit: number;
  readonly data: Message[];
  readonly nextCursor: string | null;
}

/** Where a search across conversations goes on: in the conversation at `list`, or after it when `within` is absent. */
interface AcrossPosition {
  readonly list: ListPosition;
  readonly within?: SearchPosition;
}

const isAcrossPosition = (value: unknown): value is AcrossPosition => {
  if (typeof value !== 'object' || value === null) return false;
  const { list, within } = value as Record<string, unknown>;
  return isInboxPosition(list) && (within === undefined || isSearchPosition(within));
};

/** Binds a cursor to its query in a few characters, whatever the query's length. */
const termsKey = (terms: readonly string[]) =>
  createHash('sha256').update(terms.join(' ')).digest('base64url').slice(0, 16);

/**
 * Search of messages by their words (see search-terms.ts and SCHEMA.md). A conversation's buckets are
 * searched newest first, each by its search index within one partition; every page runs at most
 * QUERIES_PER_PAGE statements, so a page may hold fewer hits than asked (even none) while its cursor goes on.
 */
@Injectable()
export class MessageSearchService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly conversations: ConversationsService,
    private readonly quotes: ReplyQuotesService,
  ) {}

  async searchConversation(
    conversationId: string,
    caller: Caller,
    query: string,
    request: { limit?: number; cursor?: string },
  ): Promise<SearchPage> {
    const limit = request.limit ?? DEFAULT_LIMIT;
    const terms = searchTerms(query);
    const scope = `${conversationId} ${termsKey(terms)}`;
    const cursor =
      request.cursor === undefined ? undefined : decodeCursor(request.cursor, 's', scope, isSearchPosition);
    await this.conversations.assertMember(conversationId, caller);
    if (terms.length === 0) return { limit, data: [], nextCursor: null };
    const step = await this.step(conversationId, terms, cursor?.position ?? {}, limit, {
      left: QUERIES_PER_PAGE,
    });
    const nextCursor =
      step.next === null
        ? null
        : encodeCursor({ kind: 's', scope, page: (cursor?.page ?? 1) + 1, position: step.next });
    return { limit, data: await this.quotes.attach(step.hits), nextCursor };
  }

  /**
   * The caller's conversations in their list's order (most recent activity first), each searched newest
   * first: hits come conversation by conversation. A page starts on at most CONVERSATIONS_PER_PAGE of them.
   */
  async searchEverywhere(
    caller: Caller,
    query: string,
    request: { limit?: number; cursor?: string },
  ): Promise<SearchPage> {
    const limit = request.limit ?? DEFAULT_LIMIT;
    const userId = userIdOf(caller);
    const terms = searchTerms(query);
    const scope = `${userId} ${termsKey(terms)}`;
    const cursor =
      request.cursor === undefined ? undefined : decodeCursor(request.cursor, 'S', scope, isAcrossPosition);
    if (terms.length === 0) return { limit, data: [], nextCursor: null };
    const budget = { left: QUERIES_PER_PAGE };
    const hits: Message[] = [];
    const page = async (next: AcrossPosition | null): Promise<SearchPage> => ({
      limit,
      data: await this.quotes.attach(hits),
      nextCursor:
        next === null
          ? null
          : encodeCursor({ kind: 'S', scope, page: (cursor?.page ?? 1) + 1, position: next }),
    });
    const from = cursor?.position;
    if (from?.within !== undefined) {
      const step = await this.step(from.list.conversationId, terms, from.within, limit, budget);
      hits.push(...step.hits);
      if (step.next !== null) return page({ list: from.list, within: step.next });
    }
    const listed = await this.conversations.listPositions(userId, from?.list, CONVERSATIONS_PER_PAGE + 1);
    const searched = listed.slice(0, CONVERSATIONS_PER_PAGE);
    for (const list of searched) {
      if (hits.length === limit || budget.left === 0) return page({ list, within: {} });
      const step = await this.step(list.conversationId, terms, {}, limit - hits.length, budget);
      hits.push(...step.hits);
      if (step.next !== null) return page({ list, within: step.next });
    }
    const last = searched[searched.length - 1];
    return page(listed.length > searched.length ? { list: last } : null);
  }

  private step(
    conversationId: string,
    terms: readonly string[],
    from: SearchPosition,
    wanted: number,
    budget: { left: number },
  ): Promise<SearchStep> {
    return searchConversationFrom(
      {
        listBuckets: (fromBucket, count) => this.repository.listBuckets(conversationId, fromBucket, count),
        searchBucket: (bucket, before, count) =>
          this.repository.searchBucket(conversationId, bucket, terms, before, count),
      },
      terms,
      from,
      wanted,
      budget,
    );
  }
}
