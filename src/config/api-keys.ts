import { createHash } from 'node:crypto';
import { ApiKey } from './app-config';

const MIN_SECRET_LENGTH = 24;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const HASHED = /^sha256:([0-9a-f]{64})$/i;

/**
 * API_KEYS: comma-separated `name:secret`, or `name:sha256:<hex>` to keep only the secret's SHA-256 in the
 * environment. Only hashes are kept in memory, so a key is compared as a fixed-length digest.
 */
export function parseApiKeys(raw: string | undefined): ApiKey[] {
  if (raw === undefined || raw.trim() === '') return [];
  const keys = raw.split(',').map((entry, index) => {
    const trimmed = entry.trim();
    const colon = trimmed.indexOf(':');
    const name = colon > 0 ? trimmed.slice(0, colon) : '';
    const secret = colon > 0 ? trimmed.slice(colon + 1) : '';
    if (!NAME.test(name)) {
      throw new Error(`entry ${index + 1} must be name:secret, the name of letters, digits, _ or -`);
    }
    const hashed = HASHED.exec(secret);
    if (hashed) return { name, secretSha256: Buffer.from(hashed[1], 'hex') };
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(`the secret of key "${name}" must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    return { name, secretSha256: sha256(secret) };
  });
  const names = new Set(keys.map((key) => key.name));
  if (names.size !== keys.length) throw new Error('key names must be unique');
  return keys;
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
