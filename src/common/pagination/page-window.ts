import { InvalidRequestError } from '../errors/domain-errors';

/**
 * Page numbers are served by reading from the head of a list, so their depth is bounded; deeper
 * reads go by cursor, whose cost does not depend on depth.
 */
export const MAX_PAGE_OFFSET = 1000;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface PageRequest {
  readonly page?: number;
  readonly limit?: number;
  readonly cursor?: string;
}

export interface PageWindow<TPosition> {
  readonly page: number;
  readonly limit: number;
  /** Rows to skip from the start position: (page - 1) * limit without a cursor, 0 with one. */
  readonly offset: number;
  /** Where to start, exclusive; undefined for the head of the list. */
  readonly after?: TPosition;
}

export function pageWindow<TPosition>(
  request: PageRequest,
  decode: (raw: string) => { page: number; position: TPosition },
): PageWindow<TPosition> {
  const limit = request.limit ?? DEFAULT_LIMIT;
  if (request.cursor !== undefined) {
    const cursor = decode(request.cursor);
    if (request.page !== undefined && request.page !== cursor.page) {
      throw new InvalidRequestError(
        `page ${request.page} does not match the cursor, which leads to page ${cursor.page}; send one or the other`,
      );
    }
    return { page: cursor.page, limit, offset: 0, after: cursor.position };
  }
  const page = request.page ?? 1;
  const offset = (page - 1) * limit;
  if (offset > MAX_PAGE_OFFSET) {
    throw new InvalidRequestError(
      `page ${page} with limit ${limit} starts ${offset} rows deep; page numbers reach ${MAX_PAGE_OFFSET} rows, ` +
        'read further with cursor (the next_cursor of the previous page)',
    );
  }
  return { page, limit, offset };
}
