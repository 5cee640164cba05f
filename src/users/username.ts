/** 3 to 32 characters of letters, digits, `_` and `.`; compared and stored lower-case. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_.]{3,32}$/;
export const USERNAME_RULE = 'must be 3 to 32 characters of letters, digits, _ and .';

/** Usernames are unique case-insensitively: "Alice" and "alice" are one name. */
export function normalizeUsername(username: string): string {
  return username.toLowerCase();
}

/** The partition of users_by_username_prefix: a search needs at least this many characters. */
export const PREFIX_PARTITION_LENGTH = 3;

export function prefixPartition(username: string): string {
  return username.slice(0, PREFIX_PARTITION_LENGTH);
}

/**
 * The first string after every string that starts with `prefix`, as the end of a clustering range:
 * usernames use only [a-z0-9_.], so bumping the last character's code point is enough.
 */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
