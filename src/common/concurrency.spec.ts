import { forEachLimited, mapLimited } from './concurrency';

describe('forEachLimited', () => {
  it('does every item, never more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(item);
      running -= 1;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('finishes the other items, then rejects with the first failure', async () => {
    const done: number[] = [];
    await expect(
      forEachLimited([1, 2, 3, 4], 2, async (item) => {
        if (item === 2) throw new Error('two failed');
        done.push(item);
        await Promise.resolve();
      }),
    ).rejects.toThrow('two failed');
    expect(done.sort()).toEqual([1, 3, 4]);
  });

  it('does nothing for no items', async () => {
    await expect(forEachLimited([], 4, () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});

describe('mapLimited', () => {
  it('answers in the items’ order, whatever order the work finishes in', async () => {
    const delays = [30, 5, 20, 1];
    const results = await mapLimited(delays, 2, async (delay) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      return delay * 2;
    });
    expect(results).toEqual([60, 10, 40, 2]);
  });

  it('rejects with a failure', async () => {
    await expect(
      mapLimited([1, 2], 2, (item) => (item === 2 ? Promise.reject(new Error('no')) : Promise.resolve(item))),
    ).rejects.toThrow('no');
  });
});
