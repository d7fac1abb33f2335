import type { Person } from "../../../../src/domain/people/person";
import {
  acknowledgeCase,
  closeCase,
  mayHandle,
  shareCase,
  startInvestigating,
  type MisuseCase,
} from "../../../../src/domain/reports/misuseCase";

import {
  bystander,
  chair,
  colleague,
  deputy,
  head,
  reportedCase,
  teacher,
} from "../../../support/caseFixtures";

const at = "2026-11-02T10:00:00Z";

const caseAbout = (report: {
  concerns: ("colleague" | "headteacher")[];
  subjectId: string;
}): MisuseCase => ({ ...reportedCase(report), history: [] });

const aboutColleague = caseAbout({ concerns: ["colleague"], subjectId: "colleague" });
const aboutHead = caseAbout({ concerns: ["headteacher"], subjectId: "head" });

function shared(c: MisuseCase, by: Person, withPerson: Person): MisuseCase {
  const r = shareCase(c, by, at, withPerson, "Needs to advise on the data breach.");
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe("sharing a case", () => {
  test("when the handler shares with a colleague, then that colleague can read and act on it, and the sharing is in the history with its reason", () => {
    expect(mayHandle(deputy, aboutColleague)).toBe(false);
    const after = shared(aboutColleague, head, deputy);
    expect(after.sharedWith).toEqual(["deputy"]);
    expect(mayHandle(deputy, after)).toBe(true);
    expect(mayHandle(bystander, after)).toBe(false);
    expect(after.history.at(-1)).toEqual({
      at,
      by: "head",
      what: "shared with deputy",
      note: "Needs to advise on the data breach.",
    });
    expect(startInvestigating(after, deputy, at)).toMatchObject({ ok: true });
    expect(aboutColleague.sharedWith).toEqual([]);
  });

  test("when someone it was shared with tries to share it on, then it is refused", () => {
    const after = shared(aboutColleague, head, deputy);
    expect(shareCase(after, deputy, at, bystander, "x")).toMatchObject({
      ok: false,
      code: "CASE.NOT_HANDLER",
    });
  });

  test.each([
    ["a member of staff", teacher],
    ["the colleague it concerns", colleague],
    ["someone with no part in it", bystander],
  ])("when %s tries to share it, then it is refused as not theirs", (_n, who) => {
    expect(shareCase(aboutColleague, who, at, bystander, "x")).toMatchObject({
      ok: false,
      code: "CASE.NOT_YOURS",
    });
  });

  test("when the case concerns the Headteacher, then its handler cannot share it with the Headteacher, and the Headteacher cannot share it", () => {
    expect(shareCase(aboutHead, chair, at, head, "x")).toMatchObject({
      ok: false,
      code: "CASE.NOT_ALLOWED",
    });
    expect(shareCase(aboutHead, head, at, deputy, "x")).toMatchObject({
      ok: false,
      code: "CASE.NOT_YOURS",
    });
    expect(shareCase(aboutHead, chair, at, deputy, "x")).toMatchObject({ ok: true });
  });

  test("when shared with someone excluded who is not the subject, then it is refused", () => {
    const c = { ...aboutColleague, excludedIds: ["bystander"] };
    expect(shareCase(c, head, at, bystander, "x")).toMatchObject({
      ok: false,
      code: "CASE.NOT_ALLOWED",
    });
  });

  test("when shared with the reporter, then it is refused: they see the status, not the case", () => {
    expect(shareCase(aboutColleague, head, at, teacher, "x")).toMatchObject({
      ok: false,
      code: "CASE.NOT_ALLOWED",
      reason: expect.stringMatching(/made the report/),
    });
  });

  test("when shared with the colleague it concerns, then it is refused even if routing did not exclude them", () => {
    expect(
      shareCase({ ...aboutColleague, excludedIds: [] }, head, at, colleague, "x"),
    ).toMatchObject({
      ok: false,
      code: "CASE.NOT_ALLOWED",
      reason: expect.stringMatching(/concerns colleague/),
    });
  });

  test("when shared with a handler, or twice with the same person, then the second is refused as already done and nothing changes", () => {
    expect(shareCase(aboutColleague, head, at, head, "x")).toMatchObject({
      ok: false,
      code: "CASE.ALREADY",
    });
    const once = shared(aboutColleague, head, deputy);
    expect(shareCase(once, head, at, deputy, "again")).toMatchObject({
      ok: false,
      code: "CASE.ALREADY",
    });
  });

  test("when the case is closed, then it cannot be shared", () => {
    const closed = closeCase(aboutColleague, head, at, "advice", "");
    if (!closed.ok) throw new Error(closed.reason);
    expect(shareCase(closed.value, head, at, deputy, "x")).toMatchObject({
      ok: false,
      code: "CASE.CLOSED",
    });
  });

  test("when it is shared after being acknowledged, then its status is unchanged", () => {
    const ack = acknowledgeCase(aboutColleague, head, at);
    if (!ack.ok) throw new Error(ack.reason);
    expect(shared(ack.value, head, deputy).status).toBe("acknowledged");
  });
});
