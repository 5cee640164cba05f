import { normalizeUsername, prefixPartition, prefixUpperBound, USERNAME_PATTERN } from './username';

describe('usernames', () => {
  it.each(['abc', 'Alice.B_2', 'a'.repeat(32)])('accepts %s', (name) => {
    expect(USERNAME_PATTERN.test(name)).toBe(true);
  });

  it.each(['ab', 'a'.repeat(33), 'al ice', 'alice!', "a'; DROP TABLE users; --", 'ålice', ''])(
    'refuses %p',
    (name) => {
      expect(USERNAME_PATTERN.test(name)).toBe(false);
    },
  );

  it('compares lower-case', () => {
    expect(normalizeUsername('AliCE')).toBe('alice');
  });

  it('bounds a prefix range so that exactly the names starting with it fall inside', () => {
    const upper = prefixUpperBound('ali');
    for (const name of ['ali', 'alice', 'ali.z', 'ali_', 'ali9']) {
      expect(name >= 'ali' && name < upper).toBe(true);
    }
    for (const name of ['alj', 'alh', 'al', 'am']) expect(name >= 'ali' && name < upper).toBe(false);
    expect(prefixPartition('alice')).toBe('ali');
  });
});
