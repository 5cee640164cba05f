import { HttpStatus } from '@nestjs/common';
import { NextFunction, Request, RequestHandler, Response } from 'express';

/** A shed request is told to come back this soon: the requests ahead of it finish within milliseconds. */
export const SHED_RETRY_AFTER_SECONDS = 1;

/** Health checks are answered whatever the load: a balancer must not take a busy instance for a dead one. */
const isHealthCheck = (request: Request) => request.path === '/health' || request.path.startsWith('/health/');

/**
 * Load shedding: at most `limit` requests are served at once, and one more is answered 503 with
 * Retry-After at once, before its body is read. Past the rate the service and its database can serve,
 * requests would otherwise pile up without bound, each holding memory and statements; the limit bounds that
 * and tells the others to come back. It cannot see requests still waiting in their sockets for a saturated
 * event loop to read them, so it does not bound their wait (bench/results/load-shedding.md).
 */
export function loadShedding(limit: number): RequestHandler {
  let inFlight = 0;
  return (request: Request, response: Response, next: NextFunction) => {
    if (isHealthCheck(request)) return next();
    if (inFlight >= limit) {
      response
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .setHeader('Retry-After', String(SHED_RETRY_AFTER_SECONDS))
        .json({
          statusCode: HttpStatus.SERVICE_UNAVAILABLE,
          error: 'Service Unavailable',
          message: `the service is serving its limit of ${limit} requests at once; retry after ${SHED_RETRY_AFTER_SECONDS} s`,
        });
      return;
    }
    inFlight += 1;
    // A response emits 'close' once, whether it was sent whole or the client went away first.
    response.once('close', () => (inFlight -= 1));
    next();
  };
}
