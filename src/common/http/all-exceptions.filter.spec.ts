import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { errors, types } from 'cassandra-driver';
import { InvalidRequestError, NotFoundError } from '../errors/domain-errors';
import { AllExceptionsFilter, RETRY_AFTER_SECONDS } from './all-exceptions.filter';

/** A stand-in for Express's response: records what the filter sends. */
function capture() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
      return response;
    },
    json(body: unknown) {
      sent.body = body;
      return response;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => undefined }),
  } as unknown as ArgumentsHost;
  return { sent, host };
}

describe('AllExceptionsFilter', () => {
  const filter = new AllExceptionsFilter();
  beforeAll(() => Logger.overrideLogger(false));

  it('passes HTTP exceptions through', () => {
    const { sent, host } = capture();
    filter.catch(new BadRequestException(['sender_id must be an integer number']), host);
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({ message: ['sender_id must be an integer number'] });
  });

  it.each([
    [new NotFoundError('conversation x does not exist'), 404],
    [new InvalidRequestError('cursor is not a next_cursor returned by this list'), 400],
  ])('maps %p to %i with its message', (error, status) => {
    const { sent, host } = capture();
    filter.catch(error, host);
    expect(sent).toMatchObject({ status, body: { statusCode: status, message: error.message } });
  });

  const unavailable = [
    new errors.NoHostAvailableError({}),
    new errors.OperationTimedOutError('timed out', '127.0.0.1:9042'),
    new errors.ResponseError(types.responseErrorCodes.unavailableException, 'Cannot achieve consistency'),
    new errors.ResponseError(types.responseErrorCodes.writeTimeout, 'Write timeout'),
    new errors.ResponseError(types.responseErrorCodes.readTimeout, 'Read timeout'),
    new errors.ResponseError(types.responseErrorCodes.overloaded, 'Overloaded'),
    new errors.ResponseError(types.responseErrorCodes.readFailure, 'Operation failed - received 0 responses'),
    new errors.ResponseError(
      types.responseErrorCodes.writeFailure,
      'Operation failed - received 1 responses',
    ),
  ];
  it.each(unavailable.map((error) => [error.constructor.name, error]))(
    'answers 503 with Retry-After and no driver text for %s',
    (_, error) => {
      const { sent, host } = capture();
      filter.catch(error, host);
      expect(sent.status).toBe(503);
      expect(sent.headers['Retry-After']).toBe(String(RETRY_AFTER_SECONDS));
      expect(JSON.stringify(sent.body)).not.toMatch(/timeout|consistency|host|Overloaded|responses/i);
    },
  );

  it('never tells a client whose write timed out that nothing was stored', () => {
    const { sent, host } = capture();
    filter.catch(new errors.ResponseError(types.responseErrorCodes.writeTimeout, 'Write timeout'), host);
    expect(sent.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message:
        'The database did not confirm the write in time, so it may have been stored; retry shortly ' +
        '(a send retried with the same client_message_id is stored once).',
    });
  });

  it.each([
    new errors.ResponseError(types.responseErrorCodes.syntaxError, 'line 1:0 no viable alternative'),
    new TypeError('x is undefined'),
    'a thrown string',
  ])('answers 500 with an error id and a generic message for %p', (error) => {
    const { sent, host } = capture();
    filter.catch(error, host);
    expect(sent.status).toBe(500);
    expect(sent.body).toMatchObject({
      message: 'Internal server error',
      error_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(JSON.stringify(sent.body)).not.toMatch(/viable|undefined|string/);
  });
});
