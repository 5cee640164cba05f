import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

/** Buckets one sweep goes through at most: a sweep after a long stop catches up over several runs. */
const BUCKETS_PER_SWEEP = 200;

/**
 * Deletes the chunks of uploads no message carries once their facts have expired (and of uploads cut off
 * before their facts were written), every ATTACHMENT_SWEEP_INTERVAL_MS. Every instance sweeps unless told
 * not to: the deletes are idempotent, and the progress row lets each start where the last sweep ended.
 */
@Injectable()
export class UnsentAttachmentsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UnsentAttachmentsSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly attachments: AttachmentsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.attachments.sweepIntervalMs;
    if (interval === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) => this.logger.warn(`Sweep of unsent attachments failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Sweeps the buckets due since the last sweep; returns the number of uploads whose chunks it deleted. */
  async sweep(): Promise<number> {
    const { schedule } = this.attachments;
    const due = schedule.newestDue(this.clock.now().getTime());
    const swept = (await this.repository.sweptThrough()) ?? due - BUCKETS_PER_SWEEP;
    let deleted = 0;
    for (let bucket = swept + 1; bucket <= Math.min(due, swept + BUCKETS_PER_SWEEP); bucket += 1) {
      for (const upload of await this.repository.listUploads(bucket)) {
        // Sent ones were rewritten without a TTL; any other's facts have expired by now, or were never written.
        if (await this.repository.findAttachment(upload.attachmentId)) continue;
        await this.repository.deleteChunks(upload.attachmentId, upload.parts);
        deleted += 1;
      }
      await this.repository.recordSwept(bucket);
    }
    return deleted;
  }
}
