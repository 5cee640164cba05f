import { contentProblem, MAX_CONTENT_CHARACTERS } from './message-content';

describe('contentProblem', () => {
  it.each([
    'hello',
    ' padded ',
    'Привет, мир',
    '👍🏽 family: 👨‍👩‍👧',
    '😀'.repeat(MAX_CONTENT_CHARACTERS),
    'a\u0000b',
  ])('accepts %p', (value) => {
    expect(contentProblem(value)).toBeUndefined();
  });

  it.each([
    [42, 'must be a string'],
    ['', '1 to 4000'],
    ['a'.repeat(MAX_CONTENT_CHARACTERS + 1), 'got 4001'],
    ['   \n\t\u00a0\u3000', 'white space'],
    ['broken \ud83d pair', 'unpaired surrogate'],
  ])('refuses %p', (value, problem) => {
    expect(contentProblem(value)).toContain(problem);
  });
});
