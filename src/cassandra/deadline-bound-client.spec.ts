import { policies, types } from 'cassandra-driver';
import { CAS_TIMEOUT_RETRIES, DeadlineRetryPolicy } from './deadline-bound-client';

type OperationInfo = policies.retry.OperationInfo;

/** What the driver tells a retry policy about a statement: only the parts the policy reads. */
function operation(nbRetry: number, idempotent: boolean): OperationInfo {
  return {
    query: 'INSERT … IF NOT EXISTS',
    nbRetry,
    executionOptions: { isIdempotent: () => idempotent },
  } as unknown as OperationInfo;
}

// The driver's decision codes, which its type declarations leave out.
const { retryDecision } = policies.retry.RetryPolicy as unknown as {
  retryDecision: { retry: number; rethrow: number };
};
const RETRY = retryDecision.retry;
const RETHROW = retryDecision.rethrow;
const casTimeout = (policy: DeadlineRetryPolicy, nbRetry: number, idempotent = true) =>
  policy.onWriteTimeout(operation(nbRetry, idempotent), types.consistencies.localSerial, 0, 2, 'CAS');

describe('DeadlineRetryPolicy', () => {
  const farAhead = () => new DeadlineRetryPolicy(Date.now() + 10_000);

  it('retries an idempotent Paxos timeout on the next coordinator, up to its limit', () => {
    const policy = farAhead();
    for (let nbRetry = 0; nbRetry < CAS_TIMEOUT_RETRIES; nbRetry++) {
      expect(casTimeout(policy, nbRetry)).toEqual({
        decision: RETRY,
        consistency: undefined,
        useCurrentHost: false,
      });
    }
    expect(casTimeout(policy, CAS_TIMEOUT_RETRIES).decision).toBe(RETHROW);
  });

  it('does not retry a Paxos timeout of a statement that is not idempotent', () => {
    expect(casTimeout(farAhead(), 0, false).decision).toBe(RETHROW);
  });

  it('retries nothing once the deadline is (almost) reached', () => {
    const late = new DeadlineRetryPolicy(Date.now() + 10);
    expect(casTimeout(late, 0).decision).toBe(RETHROW);
    expect(late.onReadTimeout(operation(0, true), types.consistencies.localQuorum, 1, 2, true).decision).toBe(
      RETHROW,
    );
    expect(late.onUnavailable(operation(0, true), types.consistencies.localQuorum, 2, false).decision).toBe(
      RETHROW,
    );
  });

  it('keeps the driver default for other write timeouts: a batch log write is retried once, a simple write never', () => {
    const policy = farAhead();
    const timeout = (nbRetry: number, writeType: string) =>
      policy.onWriteTimeout(operation(nbRetry, true), types.consistencies.localQuorum, 1, 2, writeType)
        .decision;
    expect([timeout(0, 'BATCH_LOG'), timeout(1, 'BATCH_LOG'), timeout(0, 'SIMPLE')]).toEqual([
      RETRY,
      RETHROW,
      RETHROW,
    ]);
  });
});
