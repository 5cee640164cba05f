/**
 * Who is asking, as the authentication guard established it: an end user signed in with an access token,
 * or a trusted backend holding an API key, which acts for the users its requests name. Services decide
 * with it what the caller may read and write; they never see tokens or keys.
 */
export type Caller =
  { readonly kind: 'user'; readonly userId: number } | { readonly kind: 'service'; readonly keyName: string };

export const userCaller = (userId: number): Caller => ({ kind: 'user', userId });

/** The user a caller reads as (whose own reactions and read position apply); none for a trusted backend. */
export function viewerOf(caller: Caller): number | undefined {
  return caller.kind === 'user' ? caller.userId : undefined;
}

/** The user id of a caller on a route marked @UserCallerOnly(), where the guard admits only users. */
export function userIdOf(caller: Caller): number {
  if (caller.kind !== 'user') throw new Error('a route that needs a user caller was reached with an API key');
  return caller.userId;
}
