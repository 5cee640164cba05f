import { isTimeUuid } from '../common/time/time-uuid';
import { ListedBucket } from './history-walk';
import { Message } from './message.model';
import { holdsTerms } from './search-terms';

/**
 * Where a search of one conversation goes on: in `bucket` (else its newest bucket), below the message
 * `before` (else from the bucket's top).
 */
export interface SearchPosition {
  readonly bucket?: number;
  readonly before?: string;
}

export const isSearchPosition = (value: unknown): value is SearchPosition => {
  if (typeof value !== 'object' || value === null) return false;
  const { bucket, before } = value as Record<string, unknown>;
  return (
    (bucket === undefined || Number.isSafeInteger(bucket)) &&
    (before === undefined || (bucket !== undefined && isTimeUuid(before)))
  );
};

/** The reads a search of one conversation makes, each one statement. */
export interface SearchSource {
  /** Up to `count` of the conversation's buckets at or below `fromBucket` (all if undefined), newest first. */
  listBuckets(fromBucket: number | undefined, count: number): Promise<ListedBucket[]>;
  /** Up to `count` candidates of a bucket below `before`, newest first, which the index says hold the terms. */
  searchBucket(bucket: number, before: string | undefined, count: number): Promise<Message[]>;
}

/** Hits found, and where to go on: null once the conversation's whole history is searched. */
export interface SearchStep {
  readonly hits: Message[];
  readonly next: SearchPosition | null;
}

/**
 * Up to `wanted` messages holding every term, newest first, from `from` on, running at most `budget.left`
 * statements (and counting them off). Each candidate the index returns is checked against its content as it
 * reads now, so terms an edit left behind in a race, or the words of a long query the index was not asked
 * for, never make a hit; a deleted message holds no words.
 */
export async function searchConversationFrom(
  source: SearchSource,
  terms: readonly string[],
  from: SearchPosition,
  wanted: number,
  budget: { left: number },
): Promise<SearchStep> {
  const hits: Message[] = [];
  if (budget.left <= 0 || wanted <= 0) return { hits, next: from };
  // One bucket more than the budget can search, to know whether the history goes on past it.
  const buckets = await source.listBuckets(from.bucket, budget.left);
  budget.left -= 1;
  for (const [index, { bucket }] of buckets.entries()) {
    let before = bucket === from.bucket ? from.before : undefined;
    for (;;) {
      if (budget.left <= 0) return { hits, next: { bucket, ...(before !== undefined && { before }) } };
      const asked = wanted - hits.length + 1;
      const candidates = await source.searchBucket(bucket, before, asked);
      budget.left -= 1;
      for (const [at, candidate] of candidates.entries()) {
        if (!candidate.deleted && holdsTerms(candidate.content, terms)) hits.push(candidate);
        if (hits.length < wanted) continue;
        // Full: more may follow in this bucket unless the index returned fewer than asked and this was its last.
        if (at < candidates.length - 1 || candidates.length === asked)
          return { hits, next: { bucket, before: candidate.id } };
        const following = buckets[index + 1];
        return { hits, next: following === undefined ? null : { bucket: following.bucket } };
      }
      if (candidates.length < asked) break;
      before = candidates[candidates.length - 1].id;
    }
  }
  return { hits, next: null };
}
