import { codePointLength, NOT_ONLY_WHITE_SPACE } from './text-length';

describe('codePointLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['😀', 1],
    ['😀'.repeat(100), 100],
    ['é', 1],
    ['e\u0301', 2],
  ])('counts %p as %p', (value, length) => {
    expect(codePointLength(value)).toBe(length);
  });
});

describe('NOT_ONLY_WHITE_SPACE', () => {
  it.each(['a', ' a ', '\u0000', '\u001c', '😀', '\u200b'])('accepts %p', (value) => {
    expect(NOT_ONLY_WHITE_SPACE.test(value)).toBe(true);
  });

  it.each(['', ' ', '\t\n\v\f\r', '\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'])(
    'refuses %p, as /\\S/ does',
    (value) => {
      expect(NOT_ONLY_WHITE_SPACE.test(value)).toBe(false);
      expect(/\S/.test(value)).toBe(false);
    },
  );
});
