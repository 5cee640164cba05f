import { ProcessSampler } from './process-sampler';

/** Under this share of one core, the node (or everything else on the machine) counts as quiet. */
export const QUIET_PCT = 25;

/**
 * Waits until the Cassandra node and the rest of the machine are quiet (each under QUIET_PCT of a core for
 * two half-second readings in a row), at most `maxSeconds`: after seeding the node flushes and compacts for
 * a while, and on a shared machine other work comes and goes; a scenario measured meanwhile would measure
 * that too. `pids` are the bench's own processes (the node among them, as `cassandra`).
 */
export async function waitForQuiet(
  pids: Readonly<Record<string, number | undefined>>,
  maxSeconds: number,
): Promise<{ seconds: number; quiet: boolean }> {
  const startedAt = performance.now();
  let quietReadings = 0;
  while ((performance.now() - startedAt) / 1000 < maxSeconds) {
    const sampler = new ProcessSampler(pids);
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { processes, otherCpuPct } = sampler.stop();
    const node = processes.cassandra?.cpu_avg_pct ?? 0;
    quietReadings = node < QUIET_PCT && (otherCpuPct ?? 0) < QUIET_PCT ? quietReadings + 1 : 0;
    if (quietReadings >= 2) return { seconds: (performance.now() - startedAt) / 1000, quiet: true };
  }
  return { seconds: (performance.now() - startedAt) / 1000, quiet: false };
}
