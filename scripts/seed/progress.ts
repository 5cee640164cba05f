import { Presets, SingleBar } from 'cli-progress';

/** A progress bar with rate and ETA; on a terminal it redraws, in a log it prints a line every few seconds. */
export class SeedProgress {
  private readonly bar: SingleBar;
  private readonly startedAt = Date.now();
  private done = 0;

  constructor(private readonly total: number) {
    this.bar = new SingleBar(
      {
        format:
          '  {bar} {percentage}% | {value}/{total} messages | {rate}/s | ETA {eta_formatted} | {phase}, {day}',
        barsize: 24,
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 3000,
        etaBuffer: 200,
        fps: 5,
      },
      Presets.shades_classic,
    );
    this.bar.start(total, 0, { rate: '0', phase: 'starting', day: '-' });
  }

  /** One more message stored; `phase` and `atMs` say what is being written. */
  advance(phase: string, atMs: number): void {
    this.done += 1;
    const seconds = (Date.now() - this.startedAt) / 1000;
    this.bar.update(this.done, {
      rate: seconds > 0 ? Math.round(this.done / seconds).toString() : '0',
      phase,
      day: new Date(atMs).toISOString().slice(0, 10),
    });
  }

  stop(): void {
    this.bar.update(Math.min(this.done, this.total));
    this.bar.stop();
  }
}
