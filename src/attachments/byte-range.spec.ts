import { parseRange } from './byte-range';

describe('parseRange', () => {
  it('serves the whole file without a header, or for a header it does not serve as a part', () => {
    for (const header of [undefined, 'bytes=-', 'items=0-1', 'bytes=0-1,4-5', 'bytes=x-1', 'bytes=5-2']) {
      expect(parseRange(header, 10)).toEqual({ kind: 'whole' });
    }
  });

  it('reads a first-last range, clamped to the file', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ kind: 'part', start: 0, end: 0 });
    expect(parseRange('bytes=2-5', 10)).toEqual({ kind: 'part', start: 2, end: 5 });
    expect(parseRange('bytes=4-', 10)).toEqual({ kind: 'part', start: 4, end: 9 });
    expect(parseRange('bytes=4-99', 10)).toEqual({ kind: 'part', start: 4, end: 9 });
  });

  it('reads a suffix range as the last bytes', () => {
    expect(parseRange('bytes=-3', 10)).toEqual({ kind: 'part', start: 7, end: 9 });
    expect(parseRange('bytes=-30', 10)).toEqual({ kind: 'part', start: 0, end: 9 });
  });

  it('finds a range past the end, or of an empty file, unsatisfiable', () => {
    expect(parseRange('bytes=10-', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 10)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
