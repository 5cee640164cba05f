/** A uniform number in [0, 1). */
export type Random = () => number;

/**
 * A small seeded generator (mulberry32): the same seed gives the same data set on every run and
 * machine, so two seeded keyspaces with the same parameters hold the same conversations and texts.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed derived from a parent seed and a number, so each conversation has its own stream. */
export function childSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

/** An integer in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** An exponentially distributed wait with the given mean: the gaps between independent events. */
export function exponential(random: Random, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

/**
 * `total` split over `count` ranks as Zipf's law has it (rank r gets a share proportional to 1 / r^exponent),
 * every rank at least 1, largest first: a few very long conversations and many short ones.
 */
export function zipfCounts(total: number, count: number, exponent: number): number[] {
  if (total < count) throw new RangeError(`cannot give ${count} ranks at least one each out of ${total}`);
  const weights = Array.from({ length: count }, (_, rank) => 1 / Math.pow(rank + 1, exponent));
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const spare = total - count;
  const shares = weights.map((weight) => (spare * weight) / weightSum);
  const counts = shares.map((share) => 1 + Math.floor(share));
  // Hand out what rounding down left over to the largest remainders, so the counts add up exactly.
  let left = total - counts.reduce((sum, value) => sum + value, 0);
  const byRemainder = shares
    .map((share, rank) => ({ rank, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (let i = 0; left > 0; i += 1, left -= 1) counts[byRemainder[i % count].rank] += 1;
  return counts;
}

/** A sampler of ranks 0..count-1 with Zipf weights, by binary search over the cumulative weights. */
export function zipfSampler(count: number, exponent: number): (random: Random) => number {
  const cumulative = new Float64Array(count);
  let sum = 0;
  for (let rank = 0; rank < count; rank += 1) {
    sum += 1 / Math.pow(rank + 1, exponent);
    cumulative[rank] = sum;
  }
  return (random) => {
    const target = random() * sum;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}
