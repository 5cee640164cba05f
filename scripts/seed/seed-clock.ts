import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The service's clock as the data generator sets it: each send runs "at" the time the plan gives it, in an
 * async context of its own, so many sends at different times can run at once through the real send path.
 */
export class SeedClock {
  private readonly instant = new AsyncLocalStorage<Date>();

  now(): Date {
    return this.instant.getStore() ?? new Date();
  }

  at<T>(instant: Date, work: () => Promise<T>): Promise<T> {
    return this.instant.run(instant, work);
  }
}
