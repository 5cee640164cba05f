import { cpuOver } from './process-sampler';

/**
 * Waits until the Cassandra node is quiet (under `thresholdPct` of a core for a second), at most
 * `maxSeconds`: after seeding, the node flushes and compacts for a while, and a scenario measured meanwhile
 * would measure that too. Returns how long it waited and whether the node became quiet.
 */
export async function waitForQuietNode(
  pid: number | undefined,
  maxSeconds: number,
  thresholdPct = 25,
): Promise<{ seconds: number; quiet: boolean }> {
  const startedAt = performance.now();
  if (pid === undefined) return { seconds: 0, quiet: false };
  // Two half-second readings in a row: one short lull between two compactions is not quiet.
  let quietReadings = 0;
  while ((performance.now() - startedAt) / 1000 < maxSeconds) {
    const cpu = await cpuOver(pid, 0.5);
    if (cpu === undefined) break;
    quietReadings = cpu < thresholdPct ? quietReadings + 1 : 0;
    if (quietReadings >= 2) return { seconds: (performance.now() - startedAt) / 1000, quiet: true };
  }
  return { seconds: (performance.now() - startedAt) / 1000, quiet: false };
}
