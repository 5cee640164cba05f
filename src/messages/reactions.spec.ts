import { decodeReaction, encodeReaction, isSingleEmoji, summarizeReactions } from './reactions';

describe('isSingleEmoji', () => {
  it.each(['👍', '👍🏽', '❤️', '👩‍👩‍👧', '🇫🇷', '1️⃣', '#️⃣', '🏳️‍🌈', '☺'])('takes %s', (emoji) => {
    expect(isSingleEmoji(emoji)).toBe(true);
  });

  it.each(['', 'a', '1', 'ok', '👍👍', '👍 ', ' 👍', 'a👍', '🇫', ':)', '<b>', '\u200d', 'x'.repeat(40)])(
    'refuses %j',
    (value) => {
      expect(isSingleEmoji(value)).toBe(false);
    },
  );
});

describe('reactions', () => {
  it('round-trips a set element', () => {
    expect(decodeReaction(encodeReaction({ emoji: '👩‍👩‍👧', userId: 42 }))).toEqual({ emoji: '👩‍👩‍👧', userId: 42 });
  });

  it('counts by emoji and marks the viewer’s', () => {
    const reactions = [
      { emoji: '👍', userId: 1 },
      { emoji: '🎉', userId: 2 },
      { emoji: '👍', userId: 3 },
    ];
    expect(summarizeReactions(reactions, 3)).toEqual([
      { emoji: '👍', count: 2, me: true },
      { emoji: '🎉', count: 1, me: false },
    ]);
    expect(summarizeReactions(reactions, undefined)).toEqual([
      { emoji: '👍', count: 2, me: false },
      { emoji: '🎉', count: 1, me: false },
    ]);
  });
});
