import { createHash } from 'node:crypto';
import { parseApiKeys } from '../config/api-keys';
import { matchApiKey } from './api-keys';

describe('API keys', () => {
  const secret = 'integrator-secret-0123456789abcdef';
  const otherDigest = createHash('sha256').update('another-secret-of-enough-length').digest('hex');
  const keys = parseApiKeys(`backend:${secret}, other:sha256:${otherDigest}`);

  it('names the key a secret matches, plain or configured as a SHA-256', () => {
    expect(matchApiKey(keys, secret)).toBe('backend');
    expect(matchApiKey(keys, 'another-secret-of-enough-length')).toBe('other');
  });

  it.each(['', 'backend', secret.slice(0, -1), `${secret} `, secret.toUpperCase()])(
    'matches nothing for %p',
    (presented) => {
      expect(matchApiKey(keys, presented)).toBeUndefined();
    },
  );

  it.each([
    ['a secret that is too short', 'svc:short'],
    ['no name', ':integrator-secret-0123456789abcdef'],
    ['no colon', 'integrator-secret-0123456789abcdef'],
    ['a repeated name', `a:${secret},a:${secret}x`],
  ])('refuses a configuration with %s', (_, raw) => {
    expect(() => parseApiKeys(raw)).toThrow();
  });

  it('reads an empty setting as no keys', () => {
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys('  ')).toEqual([]);
  });
});
