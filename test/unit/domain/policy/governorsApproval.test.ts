import type { Person, Role } from "../../../../src/domain/people/person";
import {
  approvalToPublish,
  approvedByLine,
  recordApproval,
  type DraftState,
} from "../../../../src/domain/policy/governorsApproval";
import { checkNotice } from "../../../../src/domain/policy/noticeRule";

const person = (...roles: Role[]): Person => ({
  aadObjectId: roles.join("+") || "staff",
  displayName: "P",
  email: "p@s.example",
  roles: ["staff", ...roles],
  department: "",
});
const draft: DraftState = {
  label: "2026.12",
  status: "awaitingGovernors",
  createdAt: "2026-11-02T09:00:00.000Z",
  approval: null,
  revision: 1,
};
const at = new Date("2026-11-20T09:00:00Z");
const input = { body: "LGB", meeting: "Autumn term meeting", date: "2026-11-19", revision: 1 };

describe('"The Board of Governors has responsibility for approving any amendments prior to implementation."', () => {
  test.each([
    ["the Chair of Governors", person("chair-of-governors"), true],
    ["a governor", person("governor"), false],
    ["the Headteacher", person("headteacher"), false],
    ["the policy owner", person("aht-digital"), false],
    ["a member of staff", person(), false],
  ])("when %s records the governors' approval, then it is allowed: %s", (_who, who, allowed) => {
    expect(recordApproval(draft, who, input, at, "2026-11-20").ok).toBe(allowed);
  });

  test.each([
    ["no body", { ...input, body: " " }, "APPROVAL.DETAILS"],
    ["no meeting", { ...input, meeting: "" }, "APPROVAL.DETAILS"],
    ["a date in the future", { ...input, date: "2026-11-21" }, "APPROVAL.DATE"],
    ["a date before the draft existed", { ...input, date: "2026-11-01" }, "APPROVAL.DATE"],
    ["not a date", { ...input, date: "19/11/2026" }, "APPROVAL.DATE"],
    ["a stale card", { ...input, revision: 3 }, "APPROVAL.STALE"],
  ])("when the approval has %s, then it is refused", (_n, given, code) => {
    expect(
      recordApproval(draft, person("chair-of-governors"), given, at, "2026-11-20"),
    ).toMatchObject({ ok: false, code });
  });

  test("when the approval is recorded twice, then the second is refused", () => {
    const once = recordApproval(draft, person("chair-of-governors"), input, at, "2026-11-20");
    if (!once.ok) throw new Error(once.reason);
    expect(
      recordApproval(
        once.value,
        person("chair-of-governors"),
        { ...input, revision: 2 },
        at,
        "2026-11-20",
      ),
    ).toMatchObject({ ok: false, code: "APPROVAL.NOT_AWAITING" });
  });

  test.each([
    ["no draft at all", undefined, "PUBLISH.NOT_APPROVED"],
    ["a draft waiting for the governors", draft, "PUBLISH.NOT_APPROVED"],
    ["a withdrawn draft", { ...draft, status: "withdrawn" as const }, "PUBLISH.NOT_APPROVED"],
    [
      "a draft already published",
      {
        ...draft,
        status: "published" as const,
        approval: { ...input, recordedBy: "c", recordedAt: "t" },
      },
      "PUBLISH.ALREADY_PUBLISHED",
    ],
  ])("when publishing %s, then it is refused", (_n, given, code) => {
    expect(approvalToPublish(given)).toMatchObject({ ok: false, code });
  });

  test("when the approval is recorded, then publishing may go ahead and the front page says who approved it and when", () => {
    const approved = recordApproval(draft, person("chair-of-governors"), input, at, "2026-11-20");
    if (!approved.ok) throw new Error(approved.reason);
    const ok = approvalToPublish(approved.value);
    expect(ok).toMatchObject({ ok: true, value: { body: "LGB", date: "2026-11-19" } });
    expect(ok.ok && approvedByLine(ok.value)).toBe(
      "Approved by LGB on 2026-11-19 (Autumn term meeting)",
    );
  });
});

describe('"Staff will be notified of any changes no later than one month from the date those changes are intended to take effect", still, after approval', () => {
  test.each([
    ["approved and notified on 20 November, effective 19 December", "2026-12-19", false],
    ["approved and notified on 20 November, effective 20 December", "2026-12-20", true],
  ])("when %s, then publishing is allowed: %s", (_n, effective, ok) => {
    expect(checkNotice(effective, at, "Europe/London").ok).toBe(ok);
  });
});
