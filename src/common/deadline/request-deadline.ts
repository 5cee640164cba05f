import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One deadline for all the work of one request. The HTTP layer starts it when a request arrives; everything
 * the request awaits runs in its async context, so the database client can see how much time is left and
 * issue no statement once it has passed. Work outside a request (boot, scripts) has no deadline.
 */
export interface Deadline {
  /** Epoch ms when the request's time is up. */
  readonly at: number;
  readonly budgetMs: number;
}

const current = new AsyncLocalStorage<Deadline>();

/** Raised instead of issuing a statement for a request whose deadline has passed. */
export class DeadlineExceededError extends Error {
  constructor(
    readonly budgetMs: number,
    options?: { cause: unknown },
  ) {
    super(`the request did not finish within its deadline of ${budgetMs} ms`, options);
    this.name = 'DeadlineExceededError';
  }
}

/** Runs `work` (and everything it starts) under a deadline `budgetMs` from now. */
export function withDeadline<T>(budgetMs: number, work: () => T): T {
  return current.run({ at: Date.now() + budgetMs, budgetMs }, work);
}

/** The current request's deadline, or undefined outside a request. */
export function currentDeadline(): Deadline | undefined {
  return current.getStore();
}

/** Milliseconds left before the current request's deadline; throws once it has passed. Undefined outside one. */
export function remainingOrThrow(): number | undefined {
  const deadline = current.getStore();
  if (!deadline) return undefined;
  const left = deadline.at - Date.now();
  if (left <= 0) throw new DeadlineExceededError(deadline.budgetMs);
  return left;
}
