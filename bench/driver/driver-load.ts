import { LatencyRecorder } from '../latency';
import { MeasuredWindow } from '../http-load';
import { Measurement } from '../measurement';
import { ProcessSampler } from '../process-sampler';

/** One operation of the baseline; `index` counts operations across all workers. */
export type DriverOperation = (index: number) => Promise<void>;

export interface DriverScenario {
  readonly id: string;
  readonly title: string;
  readonly operation: DriverOperation;
}

/**
 * `concurrency` loops, each awaiting one operation after another, for a fixed time: the same shape of load
 * as autocannon's connections (one request in flight per connection). Operations completed before the
 * deadline count; the ones still in flight then are awaited and left out, as autocannon leaves them out.
 */
async function loop(
  operation: DriverOperation,
  concurrency: number,
  seconds: number,
  recorder?: LatencyRecorder,
  ratePerSecond?: number,
): Promise<{ errors: number; firstFailure?: string }> {
  const begun = performance.now();
  const deadline = begun + seconds * 1000;
  let index = 0;
  let errors = 0;
  let firstFailure: string | undefined;
  const worker = async () => {
    while (performance.now() < deadline) {
      const n = index++;
      if (ratePerSecond !== undefined) {
        // Operation n is due n / rate seconds in: the loops keep to the rate while they can.
        const wait = begun + (n / ratePerSecond) * 1000 - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (performance.now() >= deadline) break;
      }
      const started = performance.now();
      try {
        await operation(n);
        const finished = performance.now();
        if (finished <= deadline) recorder?.record(finished - started);
      } catch (error) {
        errors += 1;
        firstFailure ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { errors, firstFailure };
}

/**
 * Warm-up, then the measured run, each with `connections` loops, sampling the processes while measuring.
 * With `ratePerSecond`, the loops start operations at that rate at most instead of as fast as they can.
 */
export async function measureDriver(
  scenario: DriverScenario,
  settings: { readonly connections: number; readonly warmupSeconds: number },
  seconds: number,
  pids: Readonly<Record<string, number | undefined>>,
  onWindow?: MeasuredWindow,
  ratePerSecond?: number,
): Promise<Measurement> {
  await loop(scenario.operation, settings.connections, settings.warmupSeconds, undefined, ratePerSecond);
  const recorder = new LatencyRecorder();
  const sampler = new ProcessSampler(pids);
  sampler.start();
  onWindow?.('start');
  const { errors, firstFailure } = await loop(
    scenario.operation,
    settings.connections,
    seconds,
    recorder,
    ratePerSecond,
  );
  onWindow?.('end');
  const { processes, otherCpuPct } = sampler.stop();
  return {
    seconds,
    all: recorder,
    byKind: new Map(),
    errors,
    timeouts: 0,
    non2xx: 0,
    statusCodes: {},
    firstFailure,
    processes,
    otherCpuPct,
  };
}
