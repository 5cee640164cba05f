/**
 * How a counter update is run. A counter update is not idempotent, so it is never retried (a timeout may leave
 * a count one short). Totals are approximate (SCHEMA.md), and a counter write whose leader replica has just
 * died waits for the server's whole counter timeout, so the wait is kept short: a send waits at most this long
 * on a total before it answers.
 */
export const COUNTER_UPDATE = { prepare: true, isIdempotent: false, readTimeout: 2_000 } as const;
