import { currentDeadline, DeadlineExceededError, remainingOrThrow, withDeadline } from './request-deadline';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('request deadline', () => {
  it('is absent outside a request', () => {
    expect(currentDeadline()).toBeUndefined();
    expect(remainingOrThrow()).toBeUndefined();
  });

  it('follows the work it bounds across awaits, and throws once passed', async () => {
    await withDeadline(50, async () => {
      const left = remainingOrThrow() ?? 0;
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(50);
      await sleep(60);
      expect(() => remainingOrThrow()).toThrow(DeadlineExceededError);
      expect(() => remainingOrThrow()).toThrow('the request did not finish within its deadline of 50 ms');
    });
  });

  it('keeps concurrent requests apart', async () => {
    const seen = await Promise.all([
      withDeadline(1_000, async () => {
        await sleep(5);
        return currentDeadline()?.at;
      }),
      withDeadline(60_000, async () => {
        await sleep(1);
        return currentDeadline()?.at;
      }),
    ]);
    expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBeGreaterThan(50_000);
  });
});
