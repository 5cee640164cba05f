import { compareTimeUuids, timeUuidAtMicros } from '../common/time/time-uuid';
import { ListedBucket } from './history-walk';
import { Message } from './message.model';
import { isSearchPosition, searchConversationFrom, SearchPosition, SearchSource } from './search-walk';
import { searchTerms } from './search-terms';

const T0 = Date.parse('2026-12-02T08:00:00Z') * 1000;

interface Stored {
  readonly message: Message;
  /** What the index holds for it, which a race between edits may leave different from its content. */
  readonly indexed: readonly string[];
}

let sequence = 0;
const stored = (content: string, indexed = searchTerms(content), deleted = false): Stored => {
  sequence += 1;
  const atMicros = T0 + sequence * 1000;
  return {
    message: {
      id: timeUuidAtMicros(atMicros),
      conversationId: '00000000-0000-0000-0000-000000000001',
      senderId: 1,
      receiverId: 2,
      content: deleted ? '' : content,
      createdAt: new Date(Math.floor(atMicros / 1000)),
      editedAt: null,
      deleted,
      reactions: [],
      replyTo: null,
      attachments: [],
    },
    indexed,
  };
};

/** Buckets in memory (each oldest message first, as written), read as the repository reads them. */
function inMemory(
  buckets: Map<number, Stored[]>,
  terms: readonly string[],
): SearchSource & { calls: number } {
  const source = {
    calls: 0,
    listBuckets: (fromBucket: number | undefined, count: number): Promise<ListedBucket[]> => {
      source.calls += 1;
      const listed = [...buckets.keys()]
        .filter((bucket) => fromBucket === undefined || bucket <= fromBucket)
        .sort((a, b) => b - a)
        .slice(0, count)
        .map((bucket) => ({ bucket, newestMicros: 0 }));
      return Promise.resolve(listed);
    },
    searchBucket: (bucket: number, before: string | undefined, count: number): Promise<Message[]> => {
      source.calls += 1;
      const found = (buckets.get(bucket) ?? [])
        .filter((row) => terms.every((term) => row.indexed.includes(term)))
        .map((row) => row.message)
        .filter((message) => before === undefined || compareTimeUuids(message.id, before) < 0)
        .sort((a, b) => compareTimeUuids(b.id, a.id))
        .slice(0, count);
      return Promise.resolve(found);
    },
  };
  return source;
}

/** Every hit, page after page, and the number of pages. */
async function allPages(buckets: Map<number, Stored[]>, query: string, wanted: number, budget: number) {
  const terms = searchTerms(query);
  const source = inMemory(buckets, terms);
  const pages: string[][] = [];
  let from: SearchPosition | null = {};
  while (from !== null) {
    const step = await searchConversationFrom(source, terms, from, wanted, { left: budget });
    pages.push(step.hits.map((hit) => hit.content));
    from = step.next;
  }
  return pages;
}

describe('searchConversationFrom', () => {
  it('pages through buckets newest first, and says when the history is searched', async () => {
    const buckets = new Map([
      [100, [stored('pear 1'), stored('apple'), stored('pear 2')]],
      [200, [stored('pear 3'), stored('pear 4')]],
      [300, [stored('pear 5')]],
    ]);
    expect(await allPages(buckets, 'pear', 2, 40)).toEqual([
      ['pear 5', 'pear 4'],
      ['pear 3', 'pear 2'],
      ['pear 1'],
    ]);
    // A page that ends on the last hit of the history needs no further page.
    expect(await allPages(buckets, 'pear', 5, 40)).toEqual([
      ['pear 5', 'pear 4', 'pear 3', 'pear 2', 'pear 1'],
    ]);
  });

  it('checks every candidate against its content: stale terms, deletions and unasked words make no hit', async () => {
    const buckets = new Map([
      [
        100,
        [
          stored('plum and fig'),
          stored('now it says grape', searchTerms('plum grape')),
          stored('plum gone', searchTerms('plum'), true),
          stored('plum only, no other word'),
        ],
      ],
    ]);
    expect(await allPages(buckets, 'plum', 20, 40)).toEqual([['plum only, no other word', 'plum and fig']]);
    // Fetches go on past candidates that fail the check, until the page is full.
    expect(await allPages(buckets, 'plum', 1, 40)).toEqual([['plum only, no other word'], ['plum and fig']]);
  });

  it('runs no more statements than its budget, and goes on where it stopped', async () => {
    const buckets = new Map(
      [1, 2, 3, 4, 5, 6].map((bucket) => [bucket, [stored(bucket % 2 ? `kiwi ${bucket}` : 'none')]]),
    );
    const terms = searchTerms('kiwi');
    const source = inMemory(buckets, terms);
    const budget = { left: 4 };
    const first = await searchConversationFrom(source, terms, {}, 20, budget);
    expect({ calls: source.calls, left: budget.left }).toEqual({ calls: 4, left: 0 });
    expect(first).toEqual({ hits: [expect.objectContaining({ content: 'kiwi 5' })], next: { bucket: 3 } });
    expect(await allPages(buckets, 'kiwi', 20, 4)).toEqual([['kiwi 5'], ['kiwi 3', 'kiwi 1']]);
    // No budget left: nothing is read, and the position stands.
    expect(await searchConversationFrom(source, terms, { bucket: 2 }, 20, { left: 0 })).toEqual({
      hits: [],
      next: { bucket: 2 },
    });
  });

  it('reads only positions a search could have written', () => {
    expect(isSearchPosition({})).toBe(true);
    expect(isSearchPosition({ bucket: 3 })).toBe(true);
    expect(isSearchPosition({ bucket: 3, before: timeUuidAtMicros(T0) })).toBe(true);
    expect(isSearchPosition({ before: timeUuidAtMicros(T0) })).toBe(false);
    expect(isSearchPosition({ bucket: 'x' })).toBe(false);
    expect(isSearchPosition({ bucket: 1.5 })).toBe(false);
    expect(isSearchPosition(null)).toBe(false);
  });
});
