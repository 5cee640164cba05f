import { allocateUserId } from './user-id';

describe('allocateUserId', () => {
  it('makes positive safe integers, ordered by time', () => {
    const early = allocateUserId(Date.UTC(2026, 0, 1));
    const later = allocateUserId(Date.UTC(2026, 0, 1) + 1);
    expect(Number.isSafeInteger(early)).toBe(true);
    expect(early).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(early - 4096);
    expect(Math.floor(later / 4096)).toBe(Math.floor(early / 4096) + 1);
  });

  it('stays below 2^53 for decades', () => {
    expect(Number.isSafeInteger(allocateUserId(Date.UTC(2090, 0, 1)))).toBe(true);
  });

  it('draws a random part, so ids of one millisecond differ', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 50 }, () => allocateUserId(now)));
    expect(ids.size).toBeGreaterThan(40);
  });

  it('refuses a clock before its epoch', () => {
    expect(() => allocateUserId(Date.UTC(2020, 0, 1))).toThrow(/outside the id range/);
  });
});
