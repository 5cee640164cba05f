import { InvalidRequestError } from '../errors/domain-errors';
import { decodeCursor, encodeCursor } from './cursor';
import { MAX_PAGE_OFFSET, pageWindow } from './page-window';

const isId = (value: unknown): value is { id: string } =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';

describe('cursor', () => {
  const cursor = { kind: 'm', scope: 'conv-1', page: 3, position: { id: 'abc' } };

  it('round-trips and is URL-safe', () => {
    const raw = encodeCursor(cursor);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw, 'm', 'conv-1', isId)).toEqual(cursor);
  });

  it('refuses a cursor of another list', () => {
    expect(() => decodeCursor(encodeCursor(cursor), 'm', 'conv-2', isId)).toThrow('different list');
    expect(() => decodeCursor(encodeCursor(cursor), 'c', 'conv-1', isId)).toThrow(InvalidRequestError);
  });

  it.each([
    ['not base64', '!!!'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    [
      'wrong version',
      Buffer.from(JSON.stringify({ v: 2, k: 'm', s: 'conv-1', p: 2, at: { id: 'a' } })).toString('base64url'),
    ],
    [
      'page 1',
      Buffer.from(JSON.stringify({ v: 1, k: 'm', s: 'conv-1', p: 1, at: { id: 'a' } })).toString('base64url'),
    ],
    [
      'bad position',
      Buffer.from(JSON.stringify({ v: 1, k: 'm', s: 'conv-1', p: 2, at: { id: 1 } })).toString('base64url'),
    ],
    ['too long', 'a'.repeat(600)],
  ])('refuses %s', (_, raw) => {
    expect(() => decodeCursor(raw, 'm', 'conv-1', isId)).toThrow(InvalidRequestError);
  });
});

describe('pageWindow', () => {
  const decode = (raw: string) => decodeCursor(raw, 'm', 's', isId);

  it('defaults to the first page of 20', () => {
    expect(pageWindow({}, decode)).toEqual({ page: 1, limit: 20, offset: 0 });
  });

  it('turns a page number into an offset from the head', () => {
    expect(pageWindow({ page: 3, limit: 10 }, decode)).toEqual({ page: 3, limit: 10, offset: 20 });
  });

  it(`refuses pages deeper than ${MAX_PAGE_OFFSET} rows and points to cursor`, () => {
    expect(() => pageWindow({ page: 12, limit: 100 }, decode)).toThrow(/cursor/);
    expect(pageWindow({ page: 11, limit: 100 }, decode).offset).toBe(MAX_PAGE_OFFSET);
  });

  it('starts after the cursor position, with the page it carries', () => {
    const raw = encodeCursor({ kind: 'm', scope: 's', page: 7, position: { id: 'x' } });
    expect(pageWindow({ cursor: raw, limit: 5 }, decode)).toEqual({
      page: 7,
      limit: 5,
      offset: 0,
      after: { id: 'x' },
    });
    expect(pageWindow({ cursor: raw, page: 7 }, decode).page).toBe(7);
    expect(() => pageWindow({ cursor: raw, page: 2 }, decode)).toThrow(/does not match/);
  });
});
