import { MinHeap } from './min-heap';
import { runPool } from './pool';

describe('runPool', () => {
  it('runs every item with at most `concurrency` in flight', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].values(), 3, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      done.push(item);
      running -= 1;
    });
    expect(done.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(most).toBe(3);
  });

  it('starts nothing new after a failure, and rethrows it', async () => {
    const started: number[] = [];
    const items = Array.from({ length: 100 }, (_, index) => index);
    await expect(
      runPool(items.values(), 2, async (item) => {
        started.push(item);
        await new Promise((resolve) => setImmediate(resolve));
        if (item === 3) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(started.length).toBeLessThan(10);
  });
});

describe('MinHeap', () => {
  it('pops in key order', () => {
    const heap = new MinHeap<string>();
    for (const [key, value] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c'],
      [2, 'b'],
      [4, 'd'],
      [1, 'a2'],
    ] as const)
      heap.push(key, value);
    const popped: string[] = [];
    for (let value = heap.pop(); value !== undefined; value = heap.pop()) popped.push(value);
    expect(popped.slice(2)).toEqual(['b', 'c', 'd', 'e']);
    expect(popped.slice(0, 2).sort()).toEqual(['a', 'a2']);
    expect(heap.size).toBe(0);
  });
});
