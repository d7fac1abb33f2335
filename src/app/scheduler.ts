import { inBackground } from "../workLane";
import type { Logger } from "../ports";
import type { Leases } from "../store/leases";

/*
 * Scheduled work (reminders, overdue summaries, reviews, escalations, purges) as named jobs run
 * on a tick. Each job takes a store lease first, so with several instances one runs it; and
 * each job's messages carry idempotency keys, so even two runs at once send nothing twice.
 */
export interface ScheduledJob {
  readonly name: string;
  run(): Promise<void>;
}

export class Scheduler {
  private readonly jobs: ScheduledJob[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly leases: Leases,
    private readonly owner: string,
    private readonly tickMs: number,
    private readonly logger: Logger,
  ) {}

  add(job: ScheduledJob): void {
    this.jobs.push(job);
  }

  /** Runs every job once now (also what each tick does); tests call it directly. */
  async runOnce(): Promise<void> {
    for (const job of this.jobs) {
      // A store outage (Graph 503/504 after retries) skips this job until the next tick; it must
      // never stop the scheduler, or reminders would end silently after one bad minute.
      try {
        await this.runJob(job);
      } catch (error) {
        this.logger.warn(
          { job: job.name, err: (error as Error).message },
          "scheduled job skipped: store unavailable",
        );
      }
    }
  }

  private async runJob(job: ScheduledJob): Promise<void> {
    const lease = `schedule:${job.name}`;
    if (!(await this.leases.acquire(lease, this.owner, Math.max(this.tickMs * 2, 30_000)))) return;
    try {
      await job.run();
    } catch (error) {
      this.logger.error({ job: job.name, err: (error as Error).message }, "scheduled job failed");
    } finally {
      // A lease that cannot be released expires by itself; another instance then takes over.
      await this.leases.release(lease, this.owner);
    }
  }

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      // Background lane: scheduled jobs never starve a person waiting for an answer.
      this.running = inBackground(() => this.runOnce());
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.tickMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Waits for a running job at most `graceMs`: its lease lets another instance take over. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.running,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
