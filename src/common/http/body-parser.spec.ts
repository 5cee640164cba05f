import { jsonDepth, MAX_BODY_DEPTH } from './body-parser';

describe('jsonDepth', () => {
  it.each([
    [null, 0],
    ['text', 0],
    [{}, 1],
    [{ a: 1, b: [1, 2] }, 2],
    [{ a: { b: { c: [{}] } } }, 5],
  ])('measures %j as %i deep', (value, depth) => {
    expect(jsonDepth(value)).toBe(depth);
  });

  it('stops counting past the limit, without recursion, on a body nested 30,000 levels', () => {
    const deep = JSON.parse('['.repeat(30_000) + ']'.repeat(30_000)) as unknown;
    expect(jsonDepth(deep)).toBe(MAX_BODY_DEPTH + 1);
  });
});
