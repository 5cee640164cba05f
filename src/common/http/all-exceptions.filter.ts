import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { isDatabaseUnavailable, isUnconfirmedWrite } from '../../cassandra/cassandra-errors';
import { DeadlineExceededError } from '../deadline/request-deadline';
import { allowedMethods, answerMethodNotAllowed, isMethodAllowed } from './allowed-methods';
import {
  ConflictError,
  DomainError,
  TooLargeError,
  ForbiddenError,
  InvalidRequestError,
  NotFoundError,
  UnauthenticatedError,
} from '../errors/domain-errors';

export const RETRY_AFTER_SECONDS = 5;

/**
 * The one place errors become responses: HTTP exceptions pass through, domain errors map to their
 * status, an unreachable or slow database is a 503 with Retry-After, and anything else is a 500
 * with an id that is in the log. No driver text or stack trace reaches a client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof NotFoundException && this.answerWrongMethod(host, response)) return;
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      response
        .status(exception.getStatus())
        .json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    if (exception instanceof DomainError) {
      const status = domainStatus(exception);
      response.status(status).json({ statusCode: status, error: reason(status), message: exception.message });
      return;
    }
    if (exception instanceof DeadlineExceededError) {
      this.logger.warn(`Request stopped at its deadline: ${describe(exception)}`);
      this.unavailable(
        response,
        `The request did not finish within ${exception.budgetMs} ms and was stopped; a write it made may have ` +
          'been stored. Retry shortly (a send retried with the same client_message_id is stored once).',
      );
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable: ${describe(exception)}`);
      this.unavailable(
        response,
        isUnconfirmedWrite(exception)
          ? 'The database did not confirm the write in time, so it may have been stored; retry shortly ' +
              '(a send retried with the same client_message_id is stored once).'
          : 'The database is unavailable; retry shortly.',
      );
      return;
    }
    const errorId = randomUUID();
    this.logger.error(
      `Unexpected error ${errorId}: ${describe(exception)}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    response.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: reason(HttpStatus.INTERNAL_SERVER_ERROR),
      message: 'Internal server error',
      error_id: errorId,
    });
  }

  private unavailable(response: Response, message: string): void {
    response
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
      .json({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: reason(HttpStatus.SERVICE_UNAVAILABLE),
        message,
      });
  }

  /** A path the routes know, asked with a method they do not answer: 405 with Allow (true when answered). */
  private answerWrongMethod(host: ArgumentsHost, response: Response): boolean {
    const request = host.switchToHttp().getRequest<Request | undefined>();
    const allowed = request ? allowedMethods(request) : [];
    if (allowed.length === 0 || !request || isMethodAllowed(request.method, allowed)) return false;
    answerMethodNotAllowed(request, response, allowed);
    return true;
  }
}

function domainStatus(error: DomainError): number {
  if (error instanceof NotFoundError) return HttpStatus.NOT_FOUND;
  if (error instanceof InvalidRequestError) return HttpStatus.BAD_REQUEST;
  if (error instanceof UnauthenticatedError) return HttpStatus.UNAUTHORIZED;
  if (error instanceof ForbiddenError) return HttpStatus.FORBIDDEN;
  if (error instanceof ConflictError) return HttpStatus.CONFLICT;
  if (error instanceof TooLargeError) return HttpStatus.PAYLOAD_TOO_LARGE;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

function reason(status: number): string {
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Payload Too Large',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return reasons[status] ?? 'Error';
}

function describe(exception: unknown): string {
  return exception instanceof Error ? `${exception.name}: ${exception.message}` : String(exception);
}
