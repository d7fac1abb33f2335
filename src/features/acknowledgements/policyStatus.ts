import { acknowledgementId } from "../../domain/acknowledgements/acknowledgement";
import type { Person } from "../../domain/people/person";
import type { CardMessage } from "../../ports";
import { findAll } from "../../store/findAll";
import { outboxKind } from "../../outbox/outboxMessage";
import { nextReviewFor } from "./recordReview";
import type { PolicyVersion } from "../../domain/policy/policyVersion";
import type { AcknowledgementServices } from "./acknowledgementServices";
import { acknowledgementKind } from "./acknowledgementRecords";

/*
 * Where a person stands with the policy: the version in force, any upcoming one, and whether
 * they acknowledged each. Every status card sent is kept in the outbox as delivered, so when
 * their status changes every copy is updated in place: no card goes on saying "not yet".
 */
export const POLICY_STATUS_PURPOSE = "policyStatus";

/** Where a person stands, read once: the versions in force and upcoming, and their acknowledgements. */
export interface PolicyStanding {
  readonly current: PolicyVersion | undefined;
  readonly upcoming: PolicyVersion | undefined;
  /** Version label → when the person acknowledged it (absent: not yet). */
  readonly acknowledgedAt: ReadonlyMap<string, string>;
}

export async function policyStandingOf(
  services: AcknowledgementServices,
  person: Person,
): Promise<PolicyStanding> {
  const versions = services.policyVersions;
  const [current, upcoming] = [await versions.inForce(), await versions.upcoming()];
  const acks = services.store.collection(acknowledgementKind);
  const acknowledgedAt = new Map<string, string>();
  for (const v of [current, upcoming]) {
    if (!v) continue;
    const ack = await acks.get(acknowledgementId(v.label, person.aadObjectId));
    if (ack) acknowledgedAt.set(v.label, ack.data.acknowledgedAt);
  }
  return { current, upcoming, acknowledgedAt };
}

export async function policyStatusCard(
  services: AcknowledgementServices,
  person: Person,
  standing?: PolicyStanding,
): Promise<CardMessage> {
  const { current, upcoming, acknowledgedAt } =
    standing ?? (await policyStandingOf(services, person));
  return services.acknowledgementCards.status({
    current,
    upcoming,
    acknowledgedAt,
    nextReview: current ? await nextReviewFor(services, current) : undefined,
    publicUrl: services.publicUrl,
    timeZone: services.schoolTimeZone,
  });
}

/** The outbox key a status card shown in reply is kept under (one per showing). */
export function policyStatusKeep(
  services: AcknowledgementServices,
  person: Person,
): { key: string; purpose: string } {
  return {
    key: `policyStatus:${person.aadObjectId}:${services.ids.newId()}`,
    purpose: POLICY_STATUS_PURPOSE,
  };
}

/** Acknowledgement cards shown in reply are kept under this purpose, beside notices and reminders. */
export const ACKNOWLEDGEMENT_CARD_PURPOSE = "acknowledgementCard";
const CARDS_WITH_THE_BUTTON = ["notice", "reminder", ACKNOWLEDGEMENT_CARD_PURPOSE];

export function acknowledgementCardKeep(
  services: AcknowledgementServices,
  person: Person,
  label: string,
): { key: string; purpose: string } {
  return {
    key: `ackCard:${label}:${person.aadObjectId}:${services.ids.newId()}`,
    purpose: ACKNOWLEDGEMENT_CARD_PURPOSE,
  };
}

/**
 * After the person acknowledged a version: every status card they were shown is redrawn, and
 * every card of that version still offering the button (notice, reminders, replies) shows the
 * receipt instead.
 */
export async function refreshAfterAcknowledgement(
  services: AcknowledgementServices,
  person: Person,
  label: string,
  receipt: CardMessage,
): Promise<number> {
  // One query for the person's messages (a few dozen), not one per purpose: each query spends units.
  const purposes = new Set<string>([POLICY_STATUS_PURPOSE, ...CARDS_WITH_THE_BUTTON]);
  const sent = (
    await findAll(services.store.collection(outboxKind), {
      where: { recipient: person.aadObjectId },
    })
  )
    .map((r) => r.data)
    .filter((m) => purposes.has(m.purpose));
  // Only cards that reached the person can be redrawn; replacements point at their original.
  const originals = sent.filter((m) => m.replaces === null && m.activityId !== null);
  const status = originals.filter((m) => m.purpose === POLICY_STATUS_PURPOSE);
  const buttons = originals.filter(
    (m) =>
      m.purpose !== POLICY_STATUS_PURPOSE &&
      services.acknowledgementCards.noticeVersionOf(m.card) === label,
  );
  const card = status.length ? await policyStatusCard(services, person) : undefined;
  return services.outbox.enqueueAll([
    ...status.map((m) => ({
      key: `${m.key}:ack:${label}`,
      recipient: person.aadObjectId,
      purpose: "policyStatusUpdate",
      card: card!,
      replaces: m.key,
    })),
    ...buttons.map((m) => ({
      key: `${m.key}:ack`,
      recipient: person.aadObjectId,
      purpose: "acknowledgementReceipt",
      card: receipt,
      replaces: m.key,
    })),
  ]);
}
