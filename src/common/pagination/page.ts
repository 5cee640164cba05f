/** One page of a list, as the services return it; controllers map the items to response DTOs. */
export interface Page<T> {
  /** The size of the whole list, kept up to date on write (never counted per request). */
  readonly total: number;
  readonly page: number;
  readonly limit: number;
  readonly data: T[];
  /** The position after this page, or null when this is the last page. */
  readonly nextCursor: string | null;
}

/**
 * The page of `window` out of the items read from its start position: `read` holds one item more than the
 * page when the list goes on, and `cursorAfter` encodes the position after the page's last item.
 */
export function pageFrom<T>(
  read: T[],
  window: { readonly page: number; readonly limit: number; readonly offset: number },
  total: number,
  cursorAfter: (last: T, nextPage: number) => string,
): Page<T> {
  const data = read.slice(window.offset, window.offset + window.limit);
  const hasMore = read.length > window.offset + window.limit;
  return {
    total,
    page: window.page,
    limit: window.limit,
    data,
    nextCursor: hasMore && data.length > 0 ? cursorAfter(data[data.length - 1], window.page + 1) : null,
  };
}
