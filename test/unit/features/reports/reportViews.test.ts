import {
  acknowledgeCase,
  closeCase,
  shareCase,
  type MisuseCase,
} from "../../../../src/domain/reports/misuseCase";
import { teamsReportCards } from "../../../../src/features/reports/cards/reportCards";
import { caseView, type CaseContext } from "../../../../src/features/reports/reportViews";

import {
  chair,
  colleague,
  deputy,
  head,
  reportedCase,
  roster,
  teacher,
} from "../../../support/caseFixtures";

const at = "2026-11-02T10:00:00Z";
const context: CaseContext = {
  reporter: teacher.displayName,
  subject: colleague.displayName,
  names: new Map(roster.map((p) => [p.aadObjectId, p.displayName])),
  timeZone: "Europe/London",
};

const reported = (subjectId?: string, concerns = ["colleague"]): MisuseCase =>
  reportedCase({ concerns, ...(subjectId ? { subjectId } : {}) });

const ok = <T>(r: { ok: true; value: T } | { ok: false; reason: string }): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe("the case view (who may act on a case now, as its reader)", () => {
  test("when the handler opens a new case, then they may acknowledge, investigate and share it, with anyone but the reporter, the subject and its readers", () => {
    const view = caseView(reported("colleague"), head.aadObjectId, context);
    expect(view).toMatchObject({
      mayAcknowledge: true,
      mayInvestigate: true,
      mayShare: true,
      sharedWithViewer: null,
      removalCandidates: [],
    });
    expect([...view.shareCandidates].sort()).toEqual(["bystander", "chair", "deputy"]);
  });

  test("when a case is shared with a colleague, then they see who shared it and why, may act on it but not share it further, and are no longer offered", () => {
    const c = ok(shareCase(reported("colleague"), head, at, deputy, "Needs to advise."));
    const theirs = caseView(c, deputy.aadObjectId, context);
    expect(theirs).toMatchObject({
      mayInvestigate: true,
      mayShare: false,
      sharedWithViewer: { by: "head", note: "Needs to advise." },
    });
    expect(caseView(c, head.aadObjectId, context).shareCandidates).not.toContain("deputy");
    expect(teamsReportCards.caseCard(theirs).data).toMatchObject({
      canShare: false,
      sharedNote: `${head.displayName} shared this case with you: Needs to advise.`,
    });
  });

  test("when the report is about the Headteacher, then the Chair handles it and the Headteacher is never offered a share", () => {
    const c = reported("head", ["headteacher"]);
    const view = caseView(c, chair.aadObjectId, context);
    expect(view.mayShare).toBe(true);
    expect(view.shareCandidates).not.toContain("head");
    expect(view.shareCandidates).not.toContain("teacher");
  });

  test("when an acknowledged case is closed, then nobody may acknowledge, investigate or share it", () => {
    const acknowledged = ok(acknowledgeCase(reported("colleague"), head, at));
    expect(caseView(acknowledged, head.aadObjectId, context).mayAcknowledge).toBe(false);
    const closed = ok(closeCase(acknowledged, head, at, "advice", ""));
    expect(caseView(closed, head.aadObjectId, context)).toMatchObject({
      mayAcknowledge: false,
      mayInvestigate: false,
      mayShare: false,
    });
  });

  test("when a case names nobody, then a removal may be asked of anyone but the reporter", () => {
    const view = caseView(reported(undefined, ["school"]), head.aadObjectId, context);
    expect([...view.removalCandidates].sort()).toEqual(
      ["bystander", "chair", "colleague", "deputy", "head"].sort(),
    );
  });
});
