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
