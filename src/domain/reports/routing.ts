import { holdersOf, type Person, type Role } from "../people/person";
import { accept, refuse, type Decision } from "../result";
import type { ReportSubmission } from "./misuseReport";

/*
 * Who handles a report. The Headteacher, "in the first instance"; but a report that concerns
 * the Headteacher goes to the Chair of Governors, and the Headteacher never sees it.
 */
export interface Routing {
  readonly handlerRole: Role;
  readonly handlers: readonly Person[];
  /** People who must never see this case, whatever else is configured. */
  readonly excluded: readonly string[];
}

export function routeReport(
  report: Pick<ReportSubmission, "concerns" | "subjectId">,
  reporter: Person,
  roster: readonly Person[],
): Decision<Routing, "ROUTING.NO_HANDLER"> {
  const heads = holdersOf(roster, "headteacher");
  const aboutHead =
    report.concerns.includes("headteacher") ||
    (report.subjectId !== undefined && heads.some((h) => h.aadObjectId === report.subjectId));
  const role: Role = aboutHead ? "chair-of-governors" : "headteacher";
  // Nobody handles a case about themselves: a Headteacher reporting goes to the Chair as well.
  const conflicted = reporter.roles.includes("headteacher") && role === "headteacher";
  const handlerRole: Role = conflicted ? "chair-of-governors" : role;
  const handlers = holdersOf(roster, handlerRole).filter((p) => p.aadObjectId !== report.subjectId);
  if (handlers.length === 0) {
    return refuse(
      "ROUTING.NO_HANDLER",
      `Nobody on the roster is ${handlerRole === "headteacher" ? "the Headteacher" : "the Chair of Governors"}, so the report cannot be sent. Please tell the school office.`,
    );
  }
  const excluded = handlerRole === "chair-of-governors" ? heads.map((h) => h.aadObjectId) : [];
  return accept({
    handlerRole,
    handlers,
    excluded: [...excluded, ...(report.subjectId ? [report.subjectId] : [])],
  });
}
