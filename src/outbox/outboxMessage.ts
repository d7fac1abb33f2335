import { createHash } from "node:crypto";
import { z } from "zod";
import type { RecordKind } from "../ports";

/*
 * One message to one person, kept in the store until it is delivered: the durable fan-out.
 * The idempotency key (purpose + subject + recipient) makes "enqueue twice" store one message,
 * and the delivered time is the proof that someone was told (e.g. notice of a policy change).
 */
export const OUTBOX_STATUSES = ["pending", "delivered", "undeliverable", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const schema = z.object({
  key: z.string().min(1).max(400),
  recipient: z.string().min(1),
  /** What the message is for, in the policy's words: "notice", "reminder", "approvalRequest" ... */
  purpose: z.string().min(1).max(64),
  /** Groups messages for progress and proof, e.g. "notice:2025.09" or "remind:2025.09:2026-01-10T09:00". */
  campaign: z.string().max(200).nullable(),
  card: z.object({ template: z.string(), data: z.record(z.string(), z.unknown()) }),
  /** Replace an earlier message's card in place (its key) instead of sending a new one. */
  replaces: z.string().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int().min(0),
  /** When the worker may next try; claiming pushes it forward, which is the lease. */
  dueAt: z.string(),
  leaseOwner: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  activityId: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof schema>;

export const outboxKind: RecordKind<OutboxMessage> = {
  name: "outbox",
  schema,
  indexes: {
    status: "text",
    dueAt: "text",
    recipient: "text",
    purpose: "text",
    campaign: "text",
    key: "text",
    queue: "text",
  },
  derived: { queue: queueOf },
};

/*
 * Pending messages are spread over a few queues by key, so that the poll's first condition
 * (`queue = pending:n`) matches a quarter of what is pending: a fan-out to 5,000 people plus
 * reminders stays under SharePoint's 5,000-item list view threshold up to 20,000 pending.
 * Delivered and failed messages leave the queues (their queue is their status).
 */
export const PENDING_QUEUES = 4;

export function pendingQueue(n: number): string {
  return `pending:${n}`;
}

function queueOf(message: OutboxMessage): string {
  if (message.status !== "pending") return message.status;
  return pendingQueue(
    parseInt(createHash("sha256").update(message.key).digest("hex").slice(0, 8), 16) %
      PENDING_QUEUES,
  );
}

export function outboxId(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 40);
}
