import { errors, types } from 'cassandra-driver';

/** Server answers that mean "try again shortly": a replica is down, busy, starting or slow. */
const TRANSIENT_RESPONSE_CODES = new Set<number>([
  types.responseErrorCodes.unavailableException,
  types.responseErrorCodes.overloaded,
  types.responseErrorCodes.isBootstrapping,
  types.responseErrorCodes.writeTimeout,
  types.responseErrorCodes.readTimeout,
  types.responseErrorCodes.truncateError,
  // A replica failed the read (e.g. a partition with too many tombstones) or the write: nothing a retry of
  // the same request makes worse, and nothing the client did wrong.
  types.responseErrorCodes.readFailure,
  types.responseErrorCodes.writeFailure,
]);

/**
 * True when the database could not be reached or did not answer in time: the request may succeed
 * if retried, so the client is told 503 with Retry-After rather than 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof errors.NoHostAvailableError) return true;
  if (error instanceof errors.OperationTimedOutError) return true;
  if (error instanceof errors.BusyConnectionError) return true;
  // The connection to the coordinator dropped mid-request (a node died) and the statement was not retried.
  if (error instanceof errors.DriverError && error.message === 'Socket was closed') return true;
  if (error instanceof errors.ResponseError) return TRANSIENT_RESPONSE_CODES.has(error.code);
  return false;
}

/**
 * True for a write the replicas did not confirm in time: it may still be applied (by the replicas that got it,
 * or by a batch log), so the client must not be told that nothing was stored.
 */
export function isUnconfirmedWrite(error: unknown): boolean {
  return (
    error instanceof errors.ResponseError && error.code === Number(types.responseErrorCodes.writeTimeout)
  );
}
