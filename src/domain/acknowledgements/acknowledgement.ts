import type { Person } from "../people/person";
import { refuse, accept, type Decision } from "../result";
import { stateOf, type PolicyVersion } from "../policy/policyVersion";

/*
 * "You consent to such monitoring by your acknowledgement of this policy": one record per
 * person per version, made once. Where each person stands on a version is derived from that
 * record, the proof of notice, and the date.
 */
export type AckStatus = "acknowledged" | "outstanding" | "overdue" | "undeliverable";

export interface AcknowledgementRecord {
  readonly version: string;
  readonly aadObjectId: string;
  readonly acknowledgedAt: string;
  /** Where it was given: the Teams card, or chat. */
  readonly channel: string;
}

export function acknowledgementId(version: string, aadObjectId: string): string {
  return `${version}:${aadObjectId}`;
}

export function mayAcknowledge(
  person: Person,
  version: PolicyVersion | undefined,
  versions: readonly PolicyVersion[],
  day: string,
): Decision<PolicyVersion, "ACK.UNKNOWN_VERSION" | "ACK.SUPERSEDED" | "ACK.NOT_STAFF"> {
  if (!person.roles.includes("staff"))
    return refuse("ACK.NOT_STAFF", "Only staff on the roster acknowledge the policy.");
  if (!version) return refuse("ACK.UNKNOWN_VERSION", "That version of the policy does not exist.");
  if (stateOf(version, versions, day) === "superseded") {
    return refuse(
      "ACK.SUPERSEDED",
      `Version ${version.label} has been replaced. Please acknowledge the version now in force instead.`,
    );
  }
  return accept(version);
}

export interface NoticeProof {
  /** When the notification reached the person; null if not (yet) delivered. */
  readonly deliveredAt: string | null;
  readonly undeliverable: boolean;
  readonly reason: string | null;
}

export function statusOf(
  acknowledgement: AcknowledgementRecord | undefined,
  notice: NoticeProof | undefined,
  acknowledgeBy: string,
  day: string,
): AckStatus {
  if (acknowledgement) return "acknowledged";
  if (notice?.undeliverable) return "undeliverable";
  return day > acknowledgeBy ? "overdue" : "outstanding";
}
