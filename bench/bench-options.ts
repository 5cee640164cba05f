import { parseArgs } from 'node:util';
import { LoadSettings } from './http-load';

export interface BenchOptions {
  readonly mode: 'quick' | 'full';
  readonly load: LoadSettings;
  /** Seconds each scenario runs, unmeasured, in a warm-up pass before anything is measured. */
  readonly runWarmupSeconds: number;
  /** Longest waits for a quiet node and machine: after a fresh seed, and before each measured part. */
  readonly settle: { readonly afterSeedSeconds: number; readonly beforeScenarioSeconds: number };
  /** How many measured parts, in all, may be measured again because other processes were busy meanwhile. */
  readonly remeasureLimit: number;
  /** Scenario ids to run; all when empty. */
  readonly only: readonly string[];
  /** Run the service with V8's CPU profiler; the .cpuprofile lands in bench/results/ (not committed). */
  readonly cpuProfile: boolean;
  /** Write bench/results/latest.*; off when only some scenarios run or the profiler slows the service. */
  readonly writeResults: boolean;
}

export const USAGE = `Usage: npm run bench -- [--quick] [--only id,id] [--cpu-prof] [--connections N]

  --quick          a warm-up pass of 3 s per scenario, then 2 s warm-up and 5 s measured per scenario;
                   default 10 s, then 5 s and 20 s
  --only ids       run only these scenarios
  --cpu-prof       profile the service with V8's CPU profiler; summarise with tsx bench/profile-summary.ts FILE
  (with --only or --cpu-prof the figures are printed, not written to bench/results/)
  --connections N  connections (and driver loops) per scenario (default 32)
`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      connections: { type: 'string' },
    },
  });
  const connections = values.connections === undefined ? 32 : Number(values.connections);
  if (!Number.isSafeInteger(connections) || connections < 1 || connections > 1000) {
    throw new RangeError(`--connections must be 1 to 1000, got "${values.connections}"`);
  }
  const only = values.only
    ? values.only
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : [];
  const quick = values.quick === true;
  return {
    mode: quick ? 'quick' : 'full',
    load: { connections, warmupSeconds: quick ? 2 : 5, durationSeconds: quick ? 5 : 20 },
    runWarmupSeconds: quick ? 3 : 10,
    settle: { afterSeedSeconds: quick ? 30 : 90, beforeScenarioSeconds: quick ? 3 : 10 },
    remeasureLimit: quick ? 3 : 8,
    only,
    cpuProfile: values['cpu-prof'] === true,
    writeResults: only.length === 0 && values['cpu-prof'] !== true,
  };
}
