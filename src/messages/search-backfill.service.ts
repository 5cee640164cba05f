import { Injectable } from '@nestjs/common';
import { forEachLimited } from '../common/concurrency';
import { MessagesRepository } from './messages.repository';
import { searchTerms } from './search-terms';

/** Rows read per page of the scan. */
const PAGE_SIZE = 1000;
/** Writes in flight at once. */
const WRITES_IN_FLIGHT = 32;

export interface BackfillProgress {
  /** Messages found without terms so far. */
  readonly found: number;
  /** Of those, the ones given terms (the others hold no word, such as emoji only). */
  readonly indexed: number;
}

/**
 * Gives search terms to messages stored before migration 0013, which the search index cannot find
 * otherwise: one pass over the whole table, idempotent, safe beside live traffic (see addSearchTerms).
 */
@Injectable()
export class SearchBackfillService {
  constructor(private readonly repository: MessagesRepository) {}

  async backfill(onPage: (progress: BackfillProgress) => void = () => undefined): Promise<BackfillProgress> {
    let pageState: string | undefined;
    let found = 0;
    let indexed = 0;
    do {
      const page = await this.repository.scanUnindexed(pageState, PAGE_SIZE);
      found += page.messages.length;
      await forEachLimited(page.messages, WRITES_IN_FLIGHT, async (message) => {
        const terms = searchTerms(message.content);
        if (terms.length === 0) return;
        await this.repository.addSearchTerms(message, terms);
        indexed += 1;
      });
      onPage({ found, indexed });
      pageState = page.pageState;
    } while (pageState !== undefined);
    return { found, indexed };
  }
}
