import { timingSafeEqual } from 'node:crypto';
import { sha256 } from '../config/api-keys';
import { ApiKey } from '../config/app-config';

/**
 * The name of the configured key a presented secret matches, or undefined. Digests of equal length are
 * compared in constant time, and every key is compared, so the time says nothing about which one nearly matched.
 */
export function matchApiKey(keys: readonly ApiKey[], presented: string): string | undefined {
  const digest = sha256(presented);
  let match: string | undefined;
  for (const key of keys) {
    if (timingSafeEqual(key.secretSha256, digest) && match === undefined) match = key.name;
  }
  return match;
}
