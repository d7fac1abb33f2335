import { mayApprovePostAs } from "../people/permissions";
import { ROLE_TITLES, type Person } from "../people/person";
import { accept, refuse, type Decision } from "../result";
import type { ApprovalKey } from "./postProposal";

/*
 * An approver who is away (absence, illness) names a deputy for a period. While the period
 * runs, the deputy may give that approver's key; a post still waiting on the key after the
 * reminder period is escalated to them. Two different people must still confirm every post,
 * so the deputy never holds, or stands in for, the other key.
 */
export interface ApproverDeputy {
  readonly id: string;
  readonly key: ApprovalKey;
  readonly approverId: string;
  readonly deputyId: string;
  /** School-local dates (yyyy-mm-dd), both days included. */
  readonly from: string;
  readonly until: string;
  readonly reason: string;
  readonly namedAt: string;
  readonly endedAt: string | null;
}

/** The longest a deputy may stand in before the approver names them again. */
export const MAX_DEPUTY_DAYS = 92;

type NameRefusal =
  | "DEPUTY.NOT_APPROVER"
  | "DEPUTY.SELF"
  | "DEPUTY.OTHER_KEY"
  | "DEPUTY.BAD_PERIOD"
  | "DEPUTY.REASON"
  | "DEPUTY.OVERLAP";

const days = (from: string, until: string) =>
  Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function nameDeputy(
  approver: Person,
  key: ApprovalKey,
  deputy: Person,
  period: { readonly from: string; readonly until: string; readonly reason: string },
  today: string,
  existing: readonly ApproverDeputy[],
  ids: { readonly id: string; readonly at: string },
): Decision<ApproverDeputy, NameRefusal> {
  if (!mayApprovePostAs(approver).includes(key))
    return refuse(
      "DEPUTY.NOT_APPROVER",
      `Only the ${ROLE_TITLES[key]} can name a deputy for that key.`,
    );
  if (deputy.aadObjectId === approver.aadObjectId)
    return refuse("DEPUTY.SELF", "Choose someone other than yourself.");
  const other: ApprovalKey = key === "headteacher" ? "aht-publicity" : "headteacher";
  if (mayApprovePostAs(deputy).includes(other)) {
    return refuse(
      "DEPUTY.OTHER_KEY",
      `${deputy.displayName} is the ${ROLE_TITLES[other]}, who gives the other confirmation: the policy needs two different people, so choose someone else.`,
    );
  }
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(period.from) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(period.until) ||
    period.until < period.from
  ) {
    return refuse("DEPUTY.BAD_PERIOD", "The last day must be on or after the first day.");
  }
  if (period.until < today) return refuse("DEPUTY.BAD_PERIOD", "The period has already ended.");
  if (days(period.from, period.until) >= MAX_DEPUTY_DAYS)
    return refuse(
      "DEPUTY.BAD_PERIOD",
      `A deputy can be named for at most ${MAX_DEPUTY_DAYS} days at a time.`,
    );
  if (period.reason.trim().length < 3)
    return refuse("DEPUTY.REASON", "Say why (for example: absence, illness, a course).");
  const clash = existing.find(
    (d) =>
      d.key === key &&
      d.approverId === approver.aadObjectId &&
      d.endedAt === null &&
      d.from <= period.until &&
      period.from <= d.until,
  );
  if (clash)
    return refuse(
      "DEPUTY.OVERLAP",
      "You already have a deputy for part of that period; end it first.",
    );
  return accept({
    id: ids.id,
    key,
    approverId: approver.aadObjectId,
    deputyId: deputy.aadObjectId,
    from: period.from,
    until: period.until,
    reason: period.reason.trim(),
    namedAt: ids.at,
    endedAt: null,
  });
}

export function endDeputy(
  d: ApproverDeputy,
  by: Person,
  at: string,
): Decision<ApproverDeputy, "DEPUTY.NOT_APPROVER" | "DEPUTY.ENDED"> {
  if (by.aadObjectId !== d.approverId)
    return refuse("DEPUTY.NOT_APPROVER", "Only the approver who named the deputy can end it.");
  if (d.endedAt) return refuse("DEPUTY.ENDED", "This deputy arrangement has already ended.");
  return accept({ ...d, endedAt: at });
}

/** Deputies standing in on this school-local date. */
export function activeDeputies(
  deputies: readonly ApproverDeputy[],
  today: string,
): ApproverDeputy[] {
  return deputies.filter((d) => d.endedAt === null && d.from <= today && today <= d.until);
}

/** The keys a person may give today: their own roles' keys, and those they are deputy for. */
export function keysFor(
  person: Person,
  deputies: readonly ApproverDeputy[],
  today: string,
): { key: ApprovalKey; deputyFor: string | null }[] {
  const own = mayApprovePostAs(person).map((key) => ({ key, deputyFor: null }));
  const standing = activeDeputies(deputies, today)
    .filter((d) => d.deputyId === person.aadObjectId && !own.some((o) => o.key === d.key))
    .map((d) => ({ key: d.key, deputyFor: d.approverId }));
  return [...own, ...new Map(standing.map((s) => [s.key, s])).values()];
}
