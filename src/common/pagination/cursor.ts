import { InvalidRequestError } from '../errors/domain-errors';

/**
 * An opaque position in a list: where the previous page ended, which list it belongs to and the
 * number of the page it leads to. Clients pass `next_cursor` back unchanged.
 */
export interface Cursor<TPosition> {
  /** The list: "m" for a conversation's messages ("f" read forward), "c" for a user's conversations. */
  readonly kind: string;
  /** The conversation or user the list belongs to, so a cursor cannot be replayed on another list. */
  readonly scope: string;
  readonly page: number;
  readonly position: TPosition;
}

const VERSION = 1;
export const MAX_CURSOR_LENGTH = 512;
/** What every cursor is made of (base64url without padding); an empty cursor is no cursor. */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]*$/;

export function encodeCursor<TPosition>(cursor: Cursor<TPosition>): string {
  const payload = { v: VERSION, k: cursor.kind, s: cursor.scope, p: cursor.page, at: cursor.position };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The list a cursor says it belongs to, for lists read in two directions; undefined if it is not a cursor. */
export function peekCursorKind(raw: string): string | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    const kind =
      typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>).k : undefined;
    return typeof kind === 'string' ? kind : undefined;
  } catch {
    return undefined;
  }
}

export function decodeCursor<TPosition>(
  raw: string,
  kind: string,
  scope: string,
  isPosition: (value: unknown) => value is TPosition,
): Cursor<TPosition> {
  const invalid = () => new InvalidRequestError('cursor is not a next_cursor returned by this list');
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !CURSOR_PATTERN.test(raw)) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null) throw invalid();
  const { v, k, s, p, at } = payload as Record<string, unknown>;
  if (v !== VERSION || k !== kind || typeof p !== 'number' || !Number.isSafeInteger(p) || p < 2)
    throw invalid();
  if (s !== scope) throw new InvalidRequestError('cursor belongs to a different list');
  if (!isPosition(at)) throw invalid();
  return { kind, scope, page: p, position: at };
}
