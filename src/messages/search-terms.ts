/**
 * The words a message is found by, and the words of a query, made the same way: split by Unicode's word
 * boundaries (UAX #29, with dictionaries for scripts written without spaces, such as Chinese and Japanese),
 * lower-cased, and folded to their base letters, so "Café", "CAFE" and "cafe" are one term. No stemming and
 * no stop words: both depend on a language, and a message's language is not known.
 *
 * Apache Cassandra 5.0's search index matches whole values only (its analyzers are not in the open-source
 * release), so the service makes the terms itself and the index holds them as a set (see SCHEMA.md).
 */

/** Longer words are cut here: a term is a key of the index, and nobody types 64 letters to find a word. */
export const MAX_TERM_LENGTH = 64;
/** The words of a query the index is asked for (the longest, which are the rarest); the rest are checked. */
export const MAX_INDEXED_QUERY_TERMS = 4;

const words = new Intl.Segmenter('und', { granularity: 'word' });
const MARKS = /\p{M}/gu;
/** Letters that decomposition leaves whole, spelled as their base letters. */
const FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
  ı: 'i',
  ς: 'σ',
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu');

/** One word as a term: lower-cased, accents and other marks removed, special letters spelled out. */
export function foldWord(word: string): string {
  const folded = word
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => FOLDS[letter]);
  return Array.from(folded).slice(0, MAX_TERM_LENGTH).join('');
}

/** The distinct terms of a text, in the order they first appear. */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const segment of words.segment(text)) {
    if (!segment.isWordLike) continue;
    const term = foldWord(segment.segment);
    if (term.length > 0) terms.add(term);
  }
  return [...terms];
}

/** Whether a text holds every one of the terms (a query's), as searchTerms makes them. */
export function holdsTerms(text: string, terms: readonly string[]): boolean {
  const own = new Set(searchTerms(text));
  return terms.every((term) => own.has(term));
}

/** The terms of a query the index is asked for: the longest few, since a long word is rarely common. */
export function indexedQueryTerms(terms: readonly string[]): string[] {
  return [...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, MAX_INDEXED_QUERY_TERMS);
}

/** What an edit writes: every term of the new text (re-added, so a concurrent edit cannot drop one), and
 * the old terms the new text lacks. */
export function termChanges(before: string, after: string): { add: string[]; remove: string[] } {
  const add = searchTerms(after);
  const kept = new Set(add);
  return { add, remove: searchTerms(before).filter((term) => !kept.has(term)) };
}
