import { createHmac } from 'node:crypto';
import { TEST_JWT_SECRET } from './test-app';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A JWT made by hand, so a test can set any header and claims, and sign with any HMAC secret (or leave
 * the signature out).
 */
export function craftJwt(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  secret: string | null = TEST_JWT_SECRET,
): string {
  const unsigned = `${encode(header)}.${encode(claims)}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

/** The claims the service issues, for a user, as of now; override any of them. */
export function validClaims(
  userId: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: String(userId),
    iss: 'messenger',
    aud: 'messenger-api',
    iat: now,
    exp: now + 900,
    ...overrides,
  };
}
