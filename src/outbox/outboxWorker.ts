import type { Clock, Collection, Logger, Messenger, Store, Stored } from "../ports";
import { outboxId, outboxKind, type OutboxMessage } from "./outboxMessage";

/*
 * Delivers the outbox: claims due messages by compare-and-set (so several instances never send
 * one message twice), keeps under Teams' rate limits, backs off on 429, and records why a
 * message could not be delivered (the person blocked the bot, never opened it) instead of
 * losing it. A crash mid-send leaves the claim to expire and the message is retried.
 */
export interface OutboxWorkerOptions {
  readonly owner: string;
  readonly pollMs: number;
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
  private running?: Promise<unknown>;
  private stopped = true;
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
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drain().catch((error: Error) => this.logger.error({ err: error.message }, "outbox tick failed"));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(() => void tick(), this.options.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Delivers everything due now (one pass per batch until none is left). */
  async drain(): Promise<DrainResult> {
    const totals = { delivered: 0, retried: 0, undeliverable: 0, failed: 0 };
    for (;;) {
      const now = this.clock.now().toISOString();
      const due = await this.messages.find({
        where: { status: "pending" },
        range: { field: "dueAt", lte: now },
        orderBy: { field: "dueAt" },
        limit: this.batchSize,
      });
      if (due.items.length === 0) return totals;
      let progressed = false;
      for (const record of due.items) {
        const claimed = await this.claim(record);
        if (!claimed) continue;
        progressed = true;
        const outcome = await this.deliver(claimed);
        if (outcome !== "lostLease") totals[outcome]++;
      }
      if (!progressed) return totals;
    }
  }

  private async claim(record: Stored<OutboxMessage>): Promise<Stored<OutboxMessage> | undefined> {
    const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    const result = await this.messages.update(
      record.id,
      { ...record.data, dueAt: leaseUntil, leaseOwner: this.options.owner, attempts: record.data.attempts + 1 },
      record.version,
    );
    return result.ok ? result.record : undefined;
  }

  /*
   * Waiting for the rate limit (or a slow store) can eat the lease, and then another instance
   * may claim the message and send it too. Just before sending, a claim past half its lease is
   * renewed by compare-and-set; if that fails, someone else holds the message and we let it go.
   */
  private async renewIfOld(record: Stored<OutboxMessage>): Promise<Stored<OutboxMessage> | undefined> {
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
        result = await this.messenger.updateCard(message.recipient, original.activityId, message.card);
        // A client that cannot edit a sent card (or a card deleted by the person) still gets the news.
        if (!result.ok && result.reason === "failed") result = await this.messenger.sendCard(message.recipient, message.card);
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
        await listener(delivered).catch((e: Error) => this.logger.error({ err: e.message, purpose: message.purpose }, "delivery listener failed"));
      }
      return "delivered";
    }
    if (result.reason === "blocked" || result.reason === "no-reference") {
      await this.save(record, {
        ...message,
        status: "undeliverable",
        leaseOwner: null,
        lastError: result.reason === "blocked" ? "The person has blocked or removed the app." : "The person has not installed the app yet.",
      });
      return "undeliverable";
    }
    if (message.attempts >= this.maxAttempts) {
      await this.save(record, { ...message, status: "failed", leaseOwner: null, lastError: result.detail ?? result.reason });
      this.logger.warn({ purpose: message.purpose, attempts: message.attempts }, "outbox message gave up");
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
    if (!result.ok) this.logger.warn({ purpose: next.purpose }, "outbox message changed while sending");
  }
}
