import type { Clock, Collection, Logger, Messenger, Store, Stored } from "../ports";
import { inBackground } from "../workLane";
import {
  outboxId,
  outboxKind,
  PENDING_QUEUES,
  pendingQueue,
  type OutboxMessage,
} from "./outboxMessage";

/*
 * Delivers the outbox: claims due messages by compare-and-set (so several instances never send
 * one message twice), keeps under Teams' rate limits, backs off on 429, and records why a
 * message could not be delivered (the person blocked the bot, never opened it) instead of
 * losing it. A crash mid-send leaves the claim to expire and the message is retried.
 */
export interface OutboxWorkerOptions {
  readonly owner: string;
  readonly pollMs: number;
  /** Idle polls back off (doubling) up to this interval; `wake()` brings the next one forward. */
  readonly idlePollMs?: number;
  readonly ratePerSecond: number;
  readonly leaseMs?: number;
  readonly maxAttempts?: number;
  readonly batchSize?: number;
  /** When given, a recipient no longer on the roster (a leaver) is not messaged. */
  readonly isOnRoster?: (aadObjectId: string) => Promise<boolean>;
}

export interface DrainResult {
  readonly delivered: number;
  readonly retried: number;
  readonly undeliverable: number;
  readonly failed: number;
}

export type DeliveryListener = (message: OutboxMessage) => Promise<void>;

export class OutboxWorker {
  private readonly messages: Collection<OutboxMessage>;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  /** Set by stop(): claim nothing more, send what is in hand, release what is not yet sent. */
  private stopping = false;
  private nextSendAt = 0;
  /** The longest the sender may be asked to wait: one gap, or the last 429's Retry-After. */
  private longestWaitMs = 0;
  private readonly listeners: DeliveryListener[] = [];
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly batchSize: number;

  constructor(
    store: Store,
    private readonly messenger: Messenger,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxWorkerOptions,
  ) {
    this.messages = store.collection(outboxKind);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.batchSize = options.batchSize ?? 50;
  }

  /** Called after each delivery, e.g. to record proof of notice against a campaign. */
  onDelivered(listener: DeliveryListener): void {
    this.listeners.push(listener);
  }

  start(): void {
    this.stopped = false;
    this.stopping = false;
    let interval = this.options.pollMs;
    const idleMax = Math.max(this.options.pollMs, this.options.idlePollMs ?? 60_000);
    const tick = async () => {
      this.timer = undefined;
      if (this.stopped) return;
      const result = await inBackground(() => this.drain()).catch((error: Error) => {
        this.logger.error({ err: error.message }, "outbox tick failed");
        return undefined;
      });
      const worked = result
        ? result.delivered + result.retried + result.undeliverable + result.failed > 0
        : false;
      // Nothing to do: poll less and less often (every Graph query spends the tenant's budget),
      // unless something was enqueued here while this drain ran (it may have missed it).
      const woken = this.wokenDuringDrain;
      this.wokenDuringDrain = false;
      interval = worked || woken ? this.options.pollMs : Math.min(idleMax, interval * 2);
      if (!this.stopped) this.schedule(interval, tick);
    };
    this.tick = async () => {
      interval = this.options.pollMs;
      await tick();
    };
    this.schedule(0, tick);
  }

  private tick?: () => Promise<void>;
  private nextTickAt = 0;
  private wokenDuringDrain = false;

  private schedule(ms: number, tick = this.tick): void {
    if (this.timer) clearTimeout(this.timer);
    this.nextTickAt = Date.now() + ms;
    this.timer = setTimeout(() => void tick?.(), ms);
  }

  /** Work was just enqueued here: the idle back-off ends, the next poll is at most pollMs away. */
  wake(): void {
    if (this.stopped || !this.tick) return;
    if (!this.timer) {
      // A drain is running: the next poll comes pollMs after it, not after a backed-off wait.
      this.wokenDuringDrain = true;
      return;
    }
    const soonest = Date.now() + this.options.pollMs;
    if (this.nextTickAt > soonest) this.schedule(this.options.pollMs);
  }

  /**
   * Graceful: no new claims; a message being sent finishes, one still waiting for its turn is
   * released for any instance to take at once. Returns within `graceMs` (App Service gives a
   * shutdown window of seconds); a message still in flight then keeps its lease and is retried
   * when the lease runs out.
   */
  async stop(graceMs = 8000): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.draining,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
  }

  /** The drain in progress on this instance (the timer's or a caller's); drains run one at a time. */
  private draining: Promise<unknown> = Promise.resolve();

  /**
   * Delivers everything due now (one pass per batch until none is left). A drain asked for while
   * another is running on this instance waits for it and then makes its own passes: two drains
   * of one instance would race each other for the same messages, and the one that lost every
   * claim of a pass would return while the other still held messages it had not yet sent.
   */
  drain(): Promise<DrainResult> {
    const run = this.draining.then(() => this.drainNow());
    this.draining = run.catch(() => undefined);
    return run;
  }

  private async drainNow(): Promise<DrainResult> {
    const totals = { delivered: 0, retried: 0, undeliverable: 0, failed: 0 };
    for (;;) {
      let progressed = false;
      let found = false;
      for (let queue = 0; queue < PENDING_QUEUES && !this.stopping; queue++) {
        const now = this.clock.now().toISOString();
        // The queue first: it narrows a large list to a share of what is pending.
        const due = await this.messages.find({
          where: { queue: pendingQueue(queue) },
          range: { field: "dueAt", lte: now },
          orderBy: { field: "dueAt" },
          limit: this.batchSize,
        });
        found ||= due.items.length > 0;
        for (const record of due.items) {
          if (this.stopping) break;
          const claimed = await this.claim(record);
          if (!claimed) continue;
          progressed = true;
          const outcome = await this.deliver(claimed);
          if (outcome !== "lostLease") totals[outcome]++;
        }
      }
      if (!found || !progressed || this.stopping) return totals;
    }
  }

  private async claim(record: Stored<OutboxMessage>): Promise<Stored<OutboxMessage> | undefined> {
    const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    const result = await this.messages.update(
      record.id,
      {
        ...record.data,
        dueAt: leaseUntil,
        leaseOwner: this.options.owner,
        attempts: record.data.attempts + 1,
      },
      record.version,
    );
    return result.ok ? result.record : undefined;
  }

  /*
   * Waiting for the rate limit (or a slow store) can eat the lease, and then another instance
   * may claim the message and send it too. Just before sending, a claim past half its lease is
   * renewed by compare-and-set; if that fails, someone else holds the message and we let it go.
   */
  private async renewIfOld(
    record: Stored<OutboxMessage>,
  ): Promise<Stored<OutboxMessage> | undefined> {
    const leaseEnds = Date.parse(record.data.dueAt);
    if (leaseEnds - this.clock.now().getTime() > this.leaseMs / 2) return record;
    const renewed = await this.messages.update(
      record.id,
      { ...record.data, dueAt: new Date(this.clock.now().getTime() + this.leaseMs).toISOString() },
      record.version,
    );
    return renewed.ok ? renewed.record : undefined;
  }

  private async throttle(): Promise<void> {
    const gap = 1000 / this.options.ratePerSecond;
    const now = this.clock.now().getTime();
    // Bounded, so a clock set back (tests, a corrected host) cannot stall the sender for days.
    const wait = Math.min(this.nextSendAt - now, Math.max(gap, this.longestWaitMs));
    this.nextSendAt = Math.max(now, this.nextSendAt) + gap;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  private async deliver(claimed: Stored<OutboxMessage>): Promise<keyof DrainResult | "lostLease"> {
    let record = claimed;
    const message = record.data;
    if (this.options.isOnRoster && !(await this.options.isOnRoster(message.recipient))) {
      await this.save(record, {
        ...message,
        status: "undeliverable",
        leaseOwner: null,
        lastError: "The person is no longer on the staff roster.",
      });
      return "undeliverable";
    }
    await this.throttle();
    if (this.stopping) {
      // Shutting down before it was sent: give it back rather than hold it for a whole lease.
      await this.save(record, {
        ...message,
        dueAt: this.clock.now().toISOString(),
        leaseOwner: null,
        attempts: Math.max(0, message.attempts - 1),
      });
      return "lostLease";
    }
    const current = await this.renewIfOld(record);
    if (!current) return "lostLease";
    record = current;
    let result;
    if (message.replaces) {
      const original = (await this.messages.get(outboxId(message.replaces)))?.data;
      if (!original?.activityId) {
        // Nothing to replace (the original never arrived): send it as a new card instead.
        result = await this.messenger.sendCard(message.recipient, message.card);
      } else {
        result = await this.messenger.updateCard(
          message.recipient,
          original.activityId,
          message.card,
        );
        // A client that cannot edit a sent card (or a card deleted by the person) still gets the news.
        if (!result.ok && result.reason === "failed")
          result = await this.messenger.sendCard(message.recipient, message.card);
      }
    } else {
      result = await this.messenger.sendCard(message.recipient, message.card);
    }
    const now = this.clock.now();
    if (result.ok) {
      const delivered: OutboxMessage = {
        ...message,
        status: "delivered",
        deliveredAt: now.toISOString(),
        activityId: result.activityId || null,
        leaseOwner: null,
        lastError: null,
      };
      await this.save(record, delivered);
      for (const listener of this.listeners) {
        await listener(delivered).catch((e: Error) =>
          this.logger.error(
            { err: e.message, purpose: message.purpose },
            "delivery listener failed",
          ),
        );
      }
      return "delivered";
    }
    if (result.reason === "too-large") {
      // Sending the same card again would be refused the same way: a clear failure, once.
      await this.save(record, {
        ...message,
        status: "failed",
        activityId: result.activityId || message.activityId || null,
        leaseOwner: null,
        lastError: `Too large for Teams: ${result.detail}.`,
      });
      this.logger.warn(
        { purpose: message.purpose, attempts: message.attempts },
        "outbox message too large for Teams; not retried",
      );
      return "failed";
    }
    if (result.reason === "blocked" || result.reason === "no-reference") {
      await this.save(record, {
        ...message,
        status: "undeliverable",
        leaseOwner: null,
        lastError:
          result.reason === "blocked"
            ? "The person has blocked or removed the app."
            : "The person has not installed the app yet.",
      });
      return "undeliverable";
    }
    if (message.attempts >= this.maxAttempts) {
      await this.save(record, {
        ...message,
        status: "failed",
        leaseOwner: null,
        lastError: result.detail ?? result.reason,
      });
      this.logger.warn(
        { purpose: message.purpose, attempts: message.attempts },
        "outbox message gave up",
      );
      return "failed";
    }
    const backoff = result.retryAfterMs ?? Math.min(300_000, 2000 * 2 ** (message.attempts - 1));
    if (result.reason === "throttled") {
      this.nextSendAt = now.getTime() + backoff;
      this.longestWaitMs = backoff;
    }
    await this.save(record, {
      ...message,
      dueAt: new Date(now.getTime() + backoff).toISOString(),
      leaseOwner: null,
      lastError: result.detail ?? result.reason,
    });
    return "retried";
  }

  private async save(claimed: Stored<OutboxMessage>, next: OutboxMessage): Promise<void> {
    const result = await this.messages.update(claimed.id, next, claimed.version);
    if (!result.ok)
      this.logger.warn({ purpose: next.purpose }, "outbox message changed while sending");
  }
}
