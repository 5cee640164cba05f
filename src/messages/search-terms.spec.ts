import {
  foldWord,
  holdsTerms,
  indexedQueryTerms,
  MAX_INDEXED_QUERY_TERMS,
  MAX_TERM_LENGTH,
  searchTerms,
  termChanges,
} from './search-terms';

describe('search terms', () => {
  it('splits on word boundaries and drops punctuation, spaces and emoji', () => {
    expect(searchTerms('Hello, world! 👋 hello…  (again)')).toEqual(['hello', 'world', 'again']);
  });

  it('folds case and accents, and spells out letters that do not decompose', () => {
    expect(searchTerms('Café CAFÉ naïve Déjà')).toEqual(['cafe', 'naive', 'deja']);
    expect(['Straße', 'Æsir', 'Øre', 'Łódź', 'œuvre', 'Þór', 'ﬁne', 'Ｆｕｌｌ'].map(foldWord)).toEqual([
      'strasse',
      'aesir',
      'ore',
      'lodz',
      'oeuvre',
      'thor',
      'fine',
      'full',
    ]);
  });

  it('reads scripts other than Latin, including those written without spaces', () => {
    expect(searchTerms('Привет, МИР')).toEqual(['привет', 'мир']);
    expect(searchTerms('ΣΟΦΟΣ')).toEqual(['σοφοσ']);
    expect(searchTerms('東京に行きます')).toEqual(expect.arrayContaining(['東京']));
    expect(searchTerms('مرحبا بالعالم')).toEqual(['مرحبا', 'بالعالم']);
  });

  it('keeps numbers and contractions whole, and each term once', () => {
    expect(searchTerms("don't pay 3.14 twice, don't")).toEqual(["don't", 'pay', '3.14', 'twice']);
  });

  it('cuts a long word at the term length, by code points', () => {
    const [term] = searchTerms('𝒜'.repeat(MAX_TERM_LENGTH + 10));
    expect(Array.from(term)).toHaveLength(MAX_TERM_LENGTH);
  });

  it('finds no term in a text without words', () => {
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms(' ?! 🎉 -- ')).toEqual([]);
  });

  it('checks that a text holds every term of a query', () => {
    expect(holdsTerms('Lunch at the Café?', searchTerms('cafe LUNCH'))).toBe(true);
    expect(holdsTerms('Lunch at noon', searchTerms('cafe lunch'))).toBe(false);
    expect(holdsTerms('', searchTerms('lunch'))).toBe(false);
  });

  it('asks the index for the longest terms of a query only', () => {
    const terms = searchTerms('a bb ccc dddd eeeee ffffff');
    expect(indexedQueryTerms(terms)).toEqual(['ffffff', 'eeeee', 'dddd', 'ccc']);
    expect(indexedQueryTerms(terms)).toHaveLength(MAX_INDEXED_QUERY_TERMS);
    expect(indexedQueryTerms(['b', 'a'])).toEqual(['a', 'b']);
  });

  it('re-adds every term of an edit and removes only the terms it lost', () => {
    expect(termChanges('lunch at noon', 'Lunch at one')).toEqual({
      add: ['lunch', 'at', 'one'],
      remove: ['noon'],
    });
  });
});
