import { inBackground } from "../workLane";
import type { Clock, Logger } from "../ports";
import type { Leases } from "../store/leases";

/*
 * Scheduled work (reminders, overdue summaries, reviews, escalations, purges) as named jobs.
 * Each job's messages carry idempotency keys, so even two runs at once send nothing twice.
 *
 * Every store read spends the tenant's SharePoint budget, so an idle instance must cost little.
 * The timer ticks often but only looks in memory: a job runs when its next-due time (its last run
 * plus `everyMs`, the scheduler's `jobEveryMs` by default) has passed. All due jobs of a tick run
 * under one lease ("schedule"), kept between runs by the instance doing the scheduled work; the
 * other instances look at it again only when it may have run out. `runOnce` (tests, tools) runs
 * every job now, each under its own lease, as before.
 */
export interface ScheduledJob {
  readonly name: string;
  /** How often the job needs to run (at most); the scheduler's `jobEveryMs` when absent. */
  readonly everyMs?: number;
  run(): Promise<void>;
}

export interface SchedulerTiming {
  /** How often a due job runs when it declares no interval of its own. */
  readonly jobEveryMs: number;
  readonly clock: Clock;
}

/** The lease under which one instance runs the due jobs of each tick. */
export const SCHEDULE_LEASE = "schedule";

export class Scheduler {
  private readonly jobs: ScheduledJob[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  /** Job name → when it is next due (ms since epoch); absent = due now. */
  private readonly nextDue = new Map<string, number>();
  /** Another instance holds the schedule lease: not looked at again before this time. */
  private heldElsewhereUntil = 0;
  /** This instance took the schedule lease at its last look (given back on stop). */
  private holding = false;
  private readonly jobEveryMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly leases: Leases,
    private readonly owner: string,
    private readonly tickMs: number,
    private readonly logger: Logger,
    timing: Partial<SchedulerTiming> = {},
  ) {
    this.jobEveryMs = Math.max(tickMs, timing.jobEveryMs ?? tickMs);
    this.clock = timing.clock ?? { now: () => new Date() };
  }

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

  private everyMsOf(job: ScheduledJob): number {
    return Math.max(this.tickMs, job.everyMs ?? this.jobEveryMs);
  }

  /**
   * What each timer tick does: the jobs whose next-due time has passed, under the one schedule
   * lease. Nothing due, or the lease known to be held elsewhere: no store request at all.
   * Returns the names of the jobs run.
   */
  async tick(): Promise<string[]> {
    const now = this.clock.now().getTime();
    const due = this.jobs.filter((job) => (this.nextDue.get(job.name) ?? 0) <= now);
    if (due.length === 0 || this.heldElsewhereUntil > now) return [];
    // Held until well past the longest interval, renewed at every run by its holder: if the
    // holder stops, another instance takes the scheduled work over when the lease runs out.
    const longest = Math.max(...this.jobs.map((job) => this.everyMsOf(job)));
    let held: boolean;
    try {
      held = await this.leases.acquire(SCHEDULE_LEASE, this.owner, 2 * longest + this.tickMs);
    } catch (error) {
      // A store outage: every due job is tried again at the next tick.
      this.logger.warn(
        { err: (error as Error).message },
        "scheduled jobs skipped: store unavailable",
      );
      return [];
    }
    this.holding = held;
    if (!held) {
      this.heldElsewhereUntil = now + Math.min(...this.jobs.map((job) => this.everyMsOf(job)));
      return [];
    }
    const ran: string[] = [];
    for (const job of due) {
      try {
        await job.run();
        this.nextDue.set(job.name, now + this.everyMsOf(job));
      } catch (error) {
        // Tried again at the next tick (a store outage, most often), as before.
        this.logger.error({ job: job.name, err: (error as Error).message }, "scheduled job failed");
      }
      ran.push(job.name);
    }
    return ran;
  }

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      // Background lane: scheduled jobs never starve a person waiting for an answer.
      this.running = inBackground(() => this.tick()).then(() => undefined);
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.tickMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /**
   * Waits for a running job at most `graceMs`, then gives the schedule lease back if this
   * instance holds it, so a restarted or other instance carries on at once (a lease that cannot
   * be given back runs out by itself).
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([this.running, deadline]);
    if (this.holding) {
      this.holding = false;
      await Promise.race([
        this.leases.release(SCHEDULE_LEASE, this.owner).catch(() => undefined),
        deadline,
      ]);
    }
    clearTimeout(timer);
  }
}
