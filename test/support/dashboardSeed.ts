import { acknowledgementId } from "../../src/domain/acknowledgements/acknowledgement";
import {
  acknowledgementKind,
  noticeCampaign,
  noticeKey,
} from "../../src/features/acknowledgements/acknowledgementRecords";
import { policyVersionKind, type PolicyVersionRecord } from "../../src/app/policy/policyRecords";
import type { Person } from "../../src/domain/people/person";
import type { PolicyDocument } from "../../src/domain/policy/policyDocument";
import { outboxId, outboxKind, type OutboxMessage } from "../../src/outbox/outboxMessage";
import type { Store } from "../../src/ports";
import { createAll } from "../../src/store/createAll";

/*
 * Known acknowledgement records written straight into a store before the server opens it, so a
 * test (or the benchmark) knows exactly what the dashboard should show: published versions,
 * who acknowledged when, and whose notice was delivered or could not be.
 */

export async function seedVersion(
  store: Store,
  bundled: PolicyDocument,
  version: { label: string; effectiveFrom: string; publishedAt: string },
): Promise<void> {
  const record: PolicyVersionRecord = {
    label: version.label,
    effectiveFrom: version.effectiveFrom,
    publishedAt: version.publishedAt,
    publishedBy: "installation",
    summary: `Version ${version.label} of the Staff Social Media Policy.`,
    document: {
      meta: { ...bundled.meta, version: version.label, effectiveFrom: version.effectiveFrom },
      sections: bundled.sections.map((s) => ({ ...s, paragraphs: [...s.paragraphs] })),
    },
  };
  await store.collection(policyVersionKind).create(record.label, record);
}

export async function seedAcknowledgements(
  store: Store,
  label: string,
  people: readonly Person[],
  acknowledgedAt: (index: number) => string,
): Promise<void> {
  await createAll(
    store.collection(acknowledgementKind),
    people.map((p, i) => ({
      id: acknowledgementId(label, p.aadObjectId),
      data: {
        version: label,
        aadObjectId: p.aadObjectId,
        acknowledgedAt: acknowledgedAt(i),
        channel: "teams-card",
      },
    })),
  );
}

/** The notice of a version to each person, already delivered (with its time) or given up on. */
export async function seedNotices(
  store: Store,
  label: string,
  people: readonly Person[],
  outcome: { status: "delivered"; deliveredAt: string } | { status: "undeliverable"; at: string },
): Promise<void> {
  const at = outcome.status === "delivered" ? outcome.deliveredAt : outcome.at;
  await createAll(
    store.collection(outboxKind),
    people.map((p) => {
      const key = noticeKey(label, p.aadObjectId);
      const message: OutboxMessage = {
        key,
        recipient: p.aadObjectId,
        purpose: "notice",
        campaign: noticeCampaign(label),
        card: { template: "notice", data: {} },
        replaces: null,
        status: outcome.status,
        attempts: 1,
        dueAt: at,
        leaseOwner: null,
        createdAt: at,
        deliveredAt: outcome.status === "delivered" ? outcome.deliveredAt : null,
        activityId: outcome.status === "delivered" ? `seeded-${p.aadObjectId}` : null,
        lastError: outcome.status === "undeliverable" ? "no-reference" : null,
      };
      return { id: outboxId(key), data: message };
    }),
  );
}
