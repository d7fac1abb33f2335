import type { CardMessage, Clock, Collection, Store } from "../ports";
import { createAll } from "../store/createAll";
import { findAll } from "../store/findAll";
import { inBackground } from "../workLane";
import { outboxId, outboxKind, type OutboxMessage, type OutboxStatus } from "./outboxMessage";

export interface Envelope {
  /** Unique per purpose, subject and recipient: enqueueing the same key again is a no-op. */
  readonly key: string;
  readonly recipient: string;
  readonly purpose: string;
  readonly campaign?: string;
  readonly card: CardMessage;
  /** The key of an earlier message whose card this one replaces in place. */
  readonly replaces?: string;
  /** Not before this time (a reminder for later). */
  readonly notBefore?: Date;
}

export interface CampaignProgress {
  readonly pending: number;
  readonly delivered: number;
  readonly undeliverable: number;
  readonly failed: number;
}

/** Where use cases put the messages their decisions imply; the worker delivers them. */
export class Outbox {
  private readonly messages: Collection<OutboxMessage>;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.messages = store.collection(outboxKind);
  }

  private readonly enqueued: (() => void)[] = [];

  /** Called after messages are enqueued here (the worker polls at once instead of idling on). */
  onEnqueued(listener: () => void): void {
    this.enqueued.push(listener);
  }

  private notify(): void {
    for (const listener of this.enqueued) listener();
  }

  /**
   * Messages were written to the store as a decision's effects (app/decisions.ts), not through
   * `enqueue`: the worker is told all the same, or after a quiet spell they would wait for its
   * backed-off poll (up to a minute).
   */
  written(): void {
    this.notify();
  }

  async enqueue(envelope: Envelope): Promise<{ created: boolean; message: OutboxMessage }> {
    const result = await this.messages.create(outboxId(envelope.key), this.messageFor(envelope));
    if (result.ok) this.notify();
    return result.ok
      ? { created: true, message: result.record.data }
      : { created: false, message: result.existing.data };
  }

  /** A card sent in reply (not by the worker), kept so later messages can replace it in place. */
  async recordDelivered(envelope: Envelope, activityId: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.messages.create(outboxId(envelope.key), {
      ...this.messageFor(envelope),
      status: "delivered",
      deliveredAt: now,
      activityId,
    });
  }

  /** The record an envelope becomes, for a decision that writes it together with itself. */
  entryFor(envelope: Envelope): { readonly id: string; readonly data: OutboxMessage } {
    return { id: outboxId(envelope.key), data: this.messageFor(envelope) };
  }

  private messageFor(envelope: Envelope): OutboxMessage {
    const now = this.clock.now().toISOString();
    return {
      key: envelope.key,
      recipient: envelope.recipient,
      purpose: envelope.purpose,
      campaign: envelope.campaign ?? null,
      card: { template: envelope.card.template, data: envelope.card.data },
      replaces: envelope.replaces ?? null,
      status: "pending",
      attempts: 0,
      dueAt: envelope.notBefore ? envelope.notBefore.toISOString() : now,
      leaseOwner: null,
      createdAt: now,
      deliveredAt: null,
      activityId: null,
      lastError: null,
    };
  }

  /** A fan-out: one bulk write where the store can (SharePoint JSON $batch), idempotent per key. */
  async enqueueAll(envelopes: readonly Envelope[]): Promise<number> {
    // A fan-out is background work, whoever started it: it must not take the interactive lane.
    const results = await inBackground(() =>
      createAll(
        this.messages,
        envelopes.map((e) => ({ id: outboxId(e.key), data: this.messageFor(e) })),
      ),
    );
    const created = results.filter((r) => r.ok).length;
    if (created > 0) this.notify();
    return created;
  }

  async byKey(key: string): Promise<OutboxMessage | undefined> {
    return (await this.messages.get(outboxId(key)))?.data;
  }

  async progress(campaign: string): Promise<CampaignProgress> {
    const count = (status: OutboxStatus) => this.messages.count({ where: { campaign, status } });
    const [pending, delivered, undeliverable, failed] = await Promise.all([
      count("pending"),
      count("delivered"),
      count("undeliverable"),
      count("failed"),
    ]);
    return { pending, delivered, undeliverable, failed };
  }

  /** Someone who could not be reached has just installed the app: try their messages again. */
  async requeueFor(recipient: string): Promise<number> {
    const now = this.clock.now().toISOString();
    let requeued = 0;
    for (const record of await findAll(this.messages, {
      where: { recipient, status: "undeliverable" },
    })) {
      const result = await this.messages.update(
        record.id,
        { ...record.data, status: "pending", dueAt: now, attempts: 0, lastError: null },
        record.version,
      );
      if (result.ok) requeued++;
    }
    return requeued;
  }

  /** Every message of a campaign: per-person proof of when each was delivered. */
  async campaignMessages(campaign: string): Promise<OutboxMessage[]> {
    return (await findAll(this.messages, { where: { campaign } })).map((r) => r.data);
  }
}
