/**
 * Runs `work` on every item of `source` with at most `concurrency` in flight. Items are taken in the
 * source's order; on the first failure no new item starts, the running ones finish, and it rethrows.
 */
export async function runPool<T>(
  source: Iterator<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure) {
      const next = source.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure) throw failure.error;
}
