/**
 * A conversation's own clock: each message is at least 1 µs after the conversation's previous activity, so
 * the order of a conversation's messages, and which one is its latest, follow the order they were sent in,
 * not the clocks of the instances that handled them. An instance whose clock runs ahead moves the
 * conversation's time forward; the others then count on from there, a microsecond at a time, until their
 * clocks catch up.
 */
export function nextActivityMicros(nowMs: number, previousMicros: number | undefined): number {
  const now = Math.floor(nowMs) * 1000;
  return previousMicros === undefined ? now : Math.max(now, previousMicros + 1);
}
