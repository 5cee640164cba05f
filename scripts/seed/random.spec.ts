import { seededRandom, zipfCounts, zipfSampler } from './random';

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(first[0]);
  });
});

describe('zipfCounts', () => {
  it.each([
    [100_000, 1000, 1.1],
    [20_000, 500, 1.0],
    [10, 10, 1.1],
    [1_000, 1, 1.1],
    [5_000, 300, 0],
  ])(
    'splits %i over %i ranks (exponent %d): exact total, at least one each, largest first',
    (total, count, exponent) => {
      const counts = zipfCounts(total, count, exponent);
      expect(counts).toHaveLength(count);
      expect(counts.reduce((sum, value) => sum + value, 0)).toBe(total);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
      expect(counts[0]).toBe(Math.max(...counts));
    },
  );

  it('is skewed: the first rank holds far more than the median', () => {
    const counts = zipfCounts(100_000, 1000, 1.1);
    expect(counts[0]).toBeGreaterThan(50 * counts[500]);
  });

  it('refuses fewer items than ranks', () => {
    expect(() => zipfCounts(5, 10, 1)).toThrow(RangeError);
  });
});

describe('zipfSampler', () => {
  it('draws ranks in range, low ranks most often', () => {
    const sample = zipfSampler(100, 1);
    const random = seededRandom(1);
    const draws = Array.from({ length: 10_000 }, () => sample(random));
    expect(draws.every((rank) => rank >= 0 && rank < 100)).toBe(true);
    const zeros = draws.filter((rank) => rank === 0).length;
    const fifties = draws.filter((rank) => rank === 50).length;
    expect(zeros).toBeGreaterThan(10 * fifties);
  });
});
