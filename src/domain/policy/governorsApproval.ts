import { hasRole, type Person } from "../people/person";
import { accept, refuse, type Decision } from "../result";

/*
 * "The Board of Governors has responsibility for approving any amendments prior to
 * implementation." A new version is a draft until the Chair of Governors records the governors'
 * approval (which body, at which meeting, on which day); only then can it be published, with
 * the month's notice. The version's front page then says "Approved by … on …".
 */
export type DraftStatus = "awaitingGovernors" | "approved" | "published" | "withdrawn";

export interface GovernorsApproval {
  /** The governors' body that approved it: "Board of Governors", "LGB", "Board of Trustees". */
  readonly body: string;
  readonly meeting: string;
  /** The day of the decision (YYYY-MM-DD). */
  readonly date: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface DraftState {
  readonly label: string;
  readonly status: DraftStatus;
  readonly createdAt: string;
  readonly approval: GovernorsApproval | null;
  readonly revision: number;
}

/** The Chair records the decision the governors took; the governors' body itself is named on it. */
export function mayRecordGovernorsApproval(person: Person): boolean {
  return hasRole(person, "chair-of-governors");
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

type ApprovalRefusal =
  | "APPROVAL.ROLE"
  | "APPROVAL.NOT_AWAITING"
  | "APPROVAL.STALE"
  | "APPROVAL.DETAILS"
  | "APPROVAL.DATE";

export function recordApproval<D extends DraftState>(
  draft: D,
  person: Person,
  input: { body: string; meeting: string; date: string; revision: number },
  at: Date,
  today: string,
): Decision<D, ApprovalRefusal> {
  if (!mayRecordGovernorsApproval(person))
    return refuse("APPROVAL.ROLE", "Only the Chair of Governors records the governors' approval.");
  if (draft.status !== "awaitingGovernors")
    return refuse(
      "APPROVAL.NOT_AWAITING",
      draft.status === "withdrawn"
        ? "This draft was withdrawn."
        : "The governors' approval of this version is already recorded.",
    );
  if (input.revision !== draft.revision)
    return refuse(
      "APPROVAL.STALE",
      "This draft has changed since the card was sent; decide on the latest card.",
    );
  const body = input.body.trim();
  const meeting = input.meeting.trim();
  if (!body || !meeting)
    return refuse("APPROVAL.DETAILS", "Name the governors' body and the meeting that approved it.");
  if (!DAY.test(input.date))
    return refuse("APPROVAL.DATE", "Give the day the governors approved it (YYYY-MM-DD).");
  if (input.date > today)
    return refuse(
      "APPROVAL.DATE",
      "Record the approval once the governors have given it: the date is in the future.",
    );
  // The governors approve this text: a decision taken before the draft existed is about another one.
  if (input.date < draft.createdAt.slice(0, 10))
    return refuse(
      "APPROVAL.DATE",
      `This draft was prepared on ${draft.createdAt.slice(0, 10)}; the governors' approval of it cannot be earlier.`,
    );
  return accept({
    ...draft,
    status: "approved",
    approval: {
      body,
      meeting,
      date: input.date,
      recordedBy: person.aadObjectId,
      recordedAt: at.toISOString(),
    },
    revision: draft.revision + 1,
  });
}

/** Publishing needs the recorded approval; nothing else stands in for it. */
export function approvalToPublish(
  draft: DraftState | undefined,
): Decision<GovernorsApproval, "PUBLISH.NOT_APPROVED" | "PUBLISH.ALREADY_PUBLISHED"> {
  if (
    !draft ||
    !draft.approval ||
    draft.status === "awaitingGovernors" ||
    draft.status === "withdrawn"
  )
    return refuse(
      "PUBLISH.NOT_APPROVED",
      "The Board of Governors approves amendments before they take effect: record their approval of this draft first.",
    );
  if (draft.status === "published")
    return refuse(
      "PUBLISH.ALREADY_PUBLISHED",
      `Version ${draft.label} has already been published.`,
    );
  return accept(draft.approval);
}

/** "Approved by LGB on 26 June 2024 (meeting of the full governing body)" as the front page says it. */
export function approvedByLine(
  approval: Pick<GovernorsApproval, "body" | "date" | "meeting">,
): string {
  return `Approved by ${approval.body} on ${approval.date} (${approval.meeting})`;
}
