/**
 * The time a service stamps new things with (a message's id and created_at). Injected, so the data
 * generator and tests can write history at other times through the same code path as a live send.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
