import { directConversationId, orderedPair } from './direct-conversation-id';

describe('directConversationId', () => {
  it('is the same in both directions', () => {
    expect(directConversationId(7, 42)).toBe(directConversationId(42, 7));
  });

  it('differs between pairs, also pairs whose digits concatenate alike', () => {
    const ids = new Set([
      directConversationId(1, 23),
      directConversationId(12, 3),
      directConversationId(1, 2),
      directConversationId(2, 3),
    ]);
    expect(ids.size).toBe(4);
  });

  it('is a version 5 UUID, stable across releases', () => {
    expect(directConversationId(1, 2)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(directConversationId(1, 2)).toBe(directConversationId(2, 1));
  });

  it('orders a pair lower id first, also beyond 32 bits', () => {
    expect(orderedPair(9007199254740991, 5)).toEqual([5, 9007199254740991]);
  });
});
