/**
 * Errors the services throw for rules of the domain; the exception filter maps each to its HTTP status,
 * so services stay free of HTTP types.
 */
export abstract class DomainError extends Error {
  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request names something that does not exist (404). */
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(message);
  }
}

/** The request is well-formed but cannot be served as asked, e.g. a cursor from elsewhere (400). */
export class InvalidRequestError extends DomainError {
  constructor(message: string) {
    super(message);
  }
}

/** The caller is known but may not do this, e.g. post as someone else (403). */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(message);
  }
}

/** The request clashes with what exists, e.g. a username that is taken (409). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message);
  }
}

/** Credentials that do not prove who the caller is: a wrong password, a spent refresh token (401). */
export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super(message);
  }
}

/** The request's body is larger than allowed, e.g. an upload past the size limit (413). */
export class TooLargeError extends DomainError {
  constructor(message: string) {
    super(message);
  }
}
