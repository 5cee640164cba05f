/** The position of a cursor through a list in user id order: the last user id of the page before. */
export const isUserPosition = (value: unknown): value is { user: number } =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as { user?: unknown }).user) &&
  ((value as { user: number }).user ?? 0) > 0;
