import { DateTime } from "luxon";
import type { PolicyDocument } from "./policyDocument";

/*
 * A published version of the policy and where it stands on a given day. The version in force
 * is the newest whose effective date has arrived; a newer one waiting for its date is upcoming;
 * older ones are superseded.
 */
export interface PolicyVersion {
  readonly label: string;
  readonly effectiveFrom: string; // YYYY-MM-DD
  readonly publishedAt: string; // ISO instant: when staff were notified
  readonly publishedBy: string; // aadObjectId, or "installation" for the policy in force at install
  readonly summary: string;
  readonly document: PolicyDocument;
}

export type VersionState = "in force" | "upcoming" | "superseded";

/*
 * Every question and acknowledgement asks for the school's date; time-zone arithmetic is the
 * costly part, and no zone changes its offset except on a whole quarter hour, so the answer
 * for one minute holds for all of it.
 */
const lastDay = new Map<string, { minute: number; day: string }>();

export function today(now: Date, timeZone: string): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const known = lastDay.get(timeZone);
  if (known?.minute === minute) return known.day;
  const day = DateTime.fromJSDate(now, { zone: timeZone }).toISODate()!;
  if (lastDay.size > 16) lastDay.clear();
  lastDay.set(timeZone, { minute, day });
  return day;
}

/** Newest effective date first; ties by publication. */
export function byEffectiveDateDesc(a: PolicyVersion, b: PolicyVersion): number {
  return (
    b.effectiveFrom.localeCompare(a.effectiveFrom) || b.publishedAt.localeCompare(a.publishedAt)
  );
}

export function versionInForce(
  versions: readonly PolicyVersion[],
  day: string,
): PolicyVersion | undefined {
  return [...versions].sort(byEffectiveDateDesc).find((v) => v.effectiveFrom <= day);
}

export function upcomingVersion(
  versions: readonly PolicyVersion[],
  day: string,
): PolicyVersion | undefined {
  return [...versions]
    .sort(byEffectiveDateDesc)
    .filter((v) => v.effectiveFrom > day)
    .pop();
}

export function stateOf(
  version: PolicyVersion,
  versions: readonly PolicyVersion[],
  day: string,
): VersionState {
  if (version.effectiveFrom > day) return "upcoming";
  return versionInForce(versions, day)?.label === version.label ? "in force" : "superseded";
}

/**
 * The day by which staff should have acknowledged: the effective date, or for the version that
 * was already in force when the product was installed, a grace period after installation.
 */
export function acknowledgeBy(version: PolicyVersion, graceDays: number, timeZone: string): string {
  const grace = DateTime.fromISO(version.publishedAt, { zone: timeZone })
    .plus({ days: graceDays })
    .toISODate()!;
  return grace > version.effectiveFrom ? grace : version.effectiveFrom;
}
