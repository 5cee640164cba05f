import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** CPU and memory of one process during a scenario. CPU is in percent of one core (200 = two cores busy). */
export interface ProcessUsage {
  readonly cpu_avg_pct: number;
  readonly cpu_peak_pct: number;
  readonly rss_peak_mb: number;
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime in clock ticks, and resident memory in bytes, from /proc; undefined once the process is gone. */
function readProcess(pid: number): { ticks: number; rssBytes: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    return { ticks, rssBytes: rssKb * 1024 };
  } catch {
    return undefined;
  }
}

/** Busy clock ticks of the whole machine (all cores), from the first line of /proc/stat. */
function machineBusyTicks(): number | undefined {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .map(Number);
    return user + nice + system + irq + softirq + steal;
  } catch {
    return undefined;
  }
}

/**
 * Samples processes every `intervalMs` from start() to stop(): average CPU over the whole window, the
 * busiest interval, and the largest resident set seen. Also reports the CPU that everything else on the
 * machine used meanwhile (a shared machine's neighbours show there).
 */
export class ProcessSampler {
  private timer?: NodeJS.Timeout;
  private readonly state = new Map<
    string,
    { pid: number; firstTicks: number; lastTicks: number; lastAt: number; peakPct: number; peakRss: number }
  >();
  private startedAt = 0;
  private machineTicksAtStart?: number;

  constructor(
    private readonly pids: Readonly<Record<string, number | undefined>>,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.startedAt = performance.now();
    this.machineTicksAtStart = machineBusyTicks();
    for (const [name, pid] of Object.entries(this.pids)) {
      const sample = pid === undefined ? undefined : readProcess(pid);
      if (pid === undefined || !sample) continue;
      this.state.set(name, {
        pid,
        firstTicks: sample.ticks,
        lastTicks: sample.ticks,
        lastAt: this.startedAt,
        peakPct: 0,
        peakRss: sample.rssBytes,
      });
    }
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    const now = performance.now();
    for (const entry of this.state.values()) {
      const sample = readProcess(entry.pid);
      if (!sample) continue;
      const pct = ((sample.ticks - entry.lastTicks) / ticksPerSecond / ((now - entry.lastAt) / 1000)) * 100;
      entry.peakPct = Math.max(entry.peakPct, pct);
      entry.peakRss = Math.max(entry.peakRss, sample.rssBytes);
      entry.lastTicks = sample.ticks;
      entry.lastAt = now;
    }
  }

  stop(): { processes: Record<string, ProcessUsage>; otherCpuPct: number | null } {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const usage: Record<string, ProcessUsage> = {};
    let ourTicks = 0;
    for (const [name, entry] of this.state) {
      ourTicks += entry.lastTicks - entry.firstTicks;
      usage[name] = {
        cpu_avg_pct: round(((entry.lastTicks - entry.firstTicks) / ticksPerSecond / seconds) * 100, 0),
        cpu_peak_pct: round(entry.peakPct, 0),
        rss_peak_mb: round(entry.peakRss / 1024 / 1024, 0),
      };
    }
    const machineTicks = machineBusyTicks();
    const otherTicks =
      machineTicks === undefined || this.machineTicksAtStart === undefined
        ? undefined
        : Math.max(0, machineTicks - this.machineTicksAtStart - ourTicks);
    return {
      processes: usage,
      otherCpuPct: otherTicks === undefined ? null : round((otherTicks / ticksPerSecond / seconds) * 100, 0),
    };
  }
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
