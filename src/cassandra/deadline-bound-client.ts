import { Client, policies, types } from 'cassandra-driver';
import {
  currentDeadline,
  Deadline,
  DeadlineExceededError,
  remainingOrThrow,
} from '../common/deadline/request-deadline';

type RetryInfo = policies.retry.OperationInfo;
type Consistency = types.consistencies;

/** A retry needs at least this long before the deadline to be worth sending. */
const MIN_RETRY_MS = 50;
/**
 * How often an idempotent lightweight transaction whose Paxos round timed out is tried again. Just after a
 * replica dies, a round can time out on two coordinators in a row on a loaded ring; the deadline still bounds
 * the whole (each round waits at most the server's write timeout, 2 s by default, against a 10 s deadline).
 */
export const CAS_TIMEOUT_RETRIES = 3;

/**
 * The driver's default decisions (at most one retry of each kind), and up to CAS_TIMEOUT_RETRIES retries of an
 * idempotent lightweight transaction's write timeout, each on the next coordinator; but none once the
 * request's deadline is (almost) reached: a retry would only answer after the client was told 503.
 */
export class DeadlineRetryPolicy extends policies.retry.RetryPolicy {
  constructor(private readonly at: number) {
    super();
  }

  private get late(): boolean {
    return this.at - Date.now() < MIN_RETRY_MS;
  }

  override onReadTimeout(
    info: RetryInfo,
    consistency: Consistency,
    received: number,
    blockFor: number,
    isDataPresent: boolean,
  ) {
    if (this.late) return this.rethrowResult();
    return super.onReadTimeout(info, consistency, received, blockFor, isDataPresent);
  }

  override onWriteTimeout(
    info: RetryInfo,
    consistency: Consistency,
    received: number,
    blockFor: number,
    writeType: string,
  ) {
    if (this.late) return this.rethrowResult();
    // A lightweight transaction whose Paxos round timed out (a replica just died, not yet marked down) is
    // tried again on another coordinator, if the statement says that is safe: the claim of a send is (a retry
    // that finds its own claim counts as claimed).
    if (writeType === 'CAS' && info.nbRetry < CAS_TIMEOUT_RETRIES && info.executionOptions.isIdempotent()) {
      // No consistency given keeps the statement's own (the one reported here is the serial one).
      return this.retryResult(undefined as unknown as Consistency, false);
    }
    return super.onWriteTimeout(info, consistency, received, blockFor, writeType);
  }

  override onUnavailable(info: RetryInfo, consistency: Consistency, required: number, alive: boolean) {
    if (this.late) return this.rethrowResult();
    return super.onUnavailable(info, consistency, required, alive);
  }

  override onRequestError(info: RetryInfo, consistency: Consistency, error: Error) {
    if (this.late) return this.rethrowResult();
    return super.onRequestError(info, consistency, error);
  }
}

/** Per-statement options under a request's deadline: none issued after it, none waiting past it. */
function boundOptions<T extends object>(
  deadline: Deadline,
  options: T | undefined,
  statementTimeoutMs: number,
): T {
  const left = remainingOrThrow() ?? 0;
  // A statement may ask for a shorter wait than the default (readTimeout in its own options).
  const own = (options as { readTimeout?: number } | undefined)?.readTimeout;
  return {
    ...options,
    readTimeout: Math.min(own ?? statementTimeoutMs, statementTimeoutMs, left),
    retry: new DeadlineRetryPolicy(deadline.at),
  } as T;
}

/** Runs a statement under the current request's deadline, if any; a failure past it is the deadline's. */
async function underDeadline<T extends object, R>(
  options: T | undefined,
  statementTimeoutMs: number,
  run: (options: T | undefined) => Promise<R>,
): Promise<R> {
  const deadline = currentDeadline();
  if (!deadline) return run(options);
  try {
    return await run(boundOptions(deadline, options, statementTimeoutMs));
  } catch (error: unknown) {
    if (error instanceof DeadlineExceededError || Date.now() < deadline.at) throw error;
    throw new DeadlineExceededError(deadline.budgetMs, { cause: error });
  }
}

/**
 * Bounds every statement the client runs for a request by that request's deadline (see request-deadline.ts):
 * once it has passed, a statement is refused before it is sent (DeadlineExceededError); before, it may wait at
 * most the time left, and is retried (once, as by default) only while time is left. Statements outside a
 * request are untouched. Only the promise forms of execute and batch are used in this code base.
 */
export function boundByRequestDeadline(client: Client, statementTimeoutMs: number): Client {
  const execute = client.execute.bind(client) as (
    query: string,
    params?: unknown,
    options?: object,
  ) => Promise<types.ResultSet>;
  const batch = client.batch.bind(client) as (
    queries: unknown[],
    options?: object,
  ) => Promise<types.ResultSet>;
  client.execute = ((query: string, params?: unknown, options?: object) =>
    underDeadline(options, statementTimeoutMs, (bound) =>
      execute(query, params, bound),
    )) as Client['execute'];
  client.batch = (queries: unknown[], options?: object) =>
    underDeadline(options, statementTimeoutMs, (bound) => batch(queries, bound));
  return client;
}
