import type { Logger } from "../ports";
import { currentLane, type WorkLane } from "../workLane";

/*
 * One throttle for all the Graph traffic of an instance (SharePoint lists, Entra, Teams installs):
 *
 *  - a 429/503 with Retry-After, for any request or any $batch part, pauses every request for
 *    that long (SharePoint throttles the app, not one request: sending on only spends units);
 *  - SharePoint's resource units (RU) are spent from a bucket that refills at a steady share of
 *    the per-minute budget, so the app stays under it instead of finding it with 429s; the bucket
 *    never holds more than a few seconds' worth, so no calendar minute can exceed the budget;
 *  - interactive work is served first and background work may not take the bucket below a
 *    reserve, so a card click or a dashboard read waits for at most one refill, never a fan-out;
 *  - RateLimit-Remaining (sent once 80% of the budget is spent, e.g. by other instances) lowers
 *    the bucket to what SharePoint says is left.
 *
 * Costs are Microsoft's published ones: 1 RU to read one item, 2 to query many or to write.
 */
export interface ThrottleSettings {
  /** This instance's share of the tenant's per-app SharePoint budget (RU per minute); Infinity = none. */
  readonly ruPerMinute: number;
  /** Units kept for interactive work: background work waits rather than spend them. */
  readonly interactiveReserve?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RuUsage {
  readonly spent: number;
  readonly requests: number;
  readonly byLane: Readonly<Record<WorkLane, number>>;
  readonly throttled: number;
  readonly pausedMs: number;
}

/** Of the budget, the steady refill (the rest is headroom for clocks that disagree). */
const REFILL_SHARE = 0.8;
/** Seconds' worth of refill the bucket may hold. */
const BURST_SECONDS = 6;

export function ruCost(method: string, path: string): number {
  const clean = path.split("?")[0]!.replace(/\/+$/, "");
  if (!/^(\/v1\.0|\/beta)?\/sites\//.test(clean) && !clean.startsWith("/sites/")) return 0;
  if (method.toUpperCase() !== "GET") return 2;
  return /\/(items|lists|columns)$/i.test(clean) ? 2 : 1;
}

interface Waiter {
  readonly cost: number;
  readonly lane: WorkLane;
  readonly resolve: () => void;
}

export class GraphThrottle {
  private readonly perMs: number;
  private readonly capacity: number;
  private readonly reserve: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = 0;
  private readonly queue: Waiter[] = [];
  private timer?: NodeJS.Timeout;
  private usage = {
    spent: 0,
    requests: 0,
    byLane: { interactive: 0, background: 0 },
    throttled: 0,
    pausedMs: 0,
  };

  constructor(
    readonly settings: ThrottleSettings,
    private readonly logger?: Logger,
  ) {
    this.now = settings.now ?? Date.now;
    this.sleep = settings.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.perMs = (settings.ruPerMinute * REFILL_SHARE) / 60_000;
    this.capacity = Math.max(4, this.perMs * BURST_SECONDS * 1000);
    this.reserve = Math.min(
      this.capacity / 2,
      settings.interactiveReserve ?? Math.max(4, this.capacity / 4),
    );
    this.tokens = this.capacity;
    this.refilledAt = this.now();
  }

  /** Waits until `cost` units may be spent in the caller's lane, then spends them. */
  async acquire(cost: number, lane: WorkLane = currentLane()): Promise<void> {
    this.usage.requests++;
    if (cost <= 0) {
      await this.waitWhilePaused();
      return;
    }
    await new Promise<void>((resolve) => {
      const waiter = { cost, lane, resolve };
      // Interactive work goes ahead of every background request already waiting.
      if (lane === "interactive") {
        const firstBackground = this.queue.findIndex((w) => w.lane === "background");
        if (firstBackground < 0) this.queue.push(waiter);
        else this.queue.splice(firstBackground, 0, waiter);
      } else {
        this.queue.push(waiter);
      }
      this.pump();
    });
    this.usage.spent += cost;
    this.usage.byLane[lane] += cost;
  }

  private async waitWhilePaused(): Promise<void> {
    while (this.now() < this.pausedUntil) await this.sleep(this.pausedUntil - this.now());
  }

  private refill(): void {
    const at = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (at - this.refilledAt) * this.perMs);
    this.refilledAt = at;
  }

  private pump(): void {
    if (this.timer) return;
    for (;;) {
      const head = this.queue[0];
      if (!head) return;
      const at = this.now();
      if (at < this.pausedUntil) return this.wake(this.pausedUntil - at);
      if (!Number.isFinite(this.settings.ruPerMinute)) {
        this.queue.shift();
        head.resolve();
        continue;
      }
      this.refill();
      const floor = head.lane === "background" ? this.reserve : 0;
      const needed = Math.min(head.cost, this.capacity - floor) + floor;
      if (this.tokens < needed) return this.wake((needed - this.tokens) / this.perMs);
      this.tokens -= head.cost;
      this.queue.shift();
      head.resolve();
    }
  }

  private wake(ms: number): void {
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, Math.ceil(ms)),
    );
    this.timer.unref?.();
  }

  /** A 429/503 for anyone pauses everyone for its Retry-After. */
  pause(seconds: number): void {
    const until = this.now() + Math.max(0, seconds) * 1000;
    this.usage.throttled++;
    if (until > this.pausedUntil) {
      this.usage.pausedMs += until - Math.max(this.pausedUntil, this.now());
      this.pausedUntil = until;
      this.logger?.warn({ retryAfterSeconds: seconds }, "graph throttled: every request pauses");
    }
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.pump();
  }

  /** SharePoint's own count of what is left this minute (RateLimit-Remaining, -Reset). */
  remaining(units: number, resetSeconds: number): void {
    if (!Number.isFinite(this.settings.ruPerMinute)) return;
    this.refill();
    if (units <= this.reserve) {
      // Nearly spent (other instances share the budget): wait for the minute to turn.
      const until = this.now() + resetSeconds * 1000;
      if (until > this.pausedUntil) {
        this.usage.pausedMs += until - Math.max(this.pausedUntil, this.now());
        this.pausedUntil = until;
      }
    }
    this.tokens = Math.min(this.tokens, Math.max(0, units - this.reserve));
  }

  totals(): RuUsage {
    return { ...this.usage, byLane: { ...this.usage.byLane } };
  }
}
