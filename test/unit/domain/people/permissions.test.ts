import * as may from "../../../../src/domain/people/permissions";
import type { Person, Role } from "../../../../src/domain/people/person";

function person(...roles: Role[]): Person {
  return {
    aadObjectId: "x",
    displayName: "X",
    email: "x@s.example",
    roles: [...roles, "staff"],
    department: "D",
  };
}

describe("who may do what", () => {
  test.each([
    ["publish a policy version", may.mayPublishPolicyVersion, ["headteacher", "aht-digital"]],
    ["record the annual review", may.mayRecordPolicyReview, ["headteacher", "aht-digital"]],
    ["remind outstanding staff", may.mayRemindOutstanding, ["headteacher", "aht-digital"]],
    ["see acknowledgement names", may.mayViewAcknowledgementDetail, ["headteacher", "aht-digital"]],
    [
      "see acknowledgement figures",
      may.mayViewAcknowledgementFigures,
      ["headteacher", "aht-digital", "chair-of-governors"],
    ],
    ["answer policy questions", may.mayAnswerPolicyQuestions, ["aht-digital"]],
    [
      "see unanswered staff questions",
      may.mayViewUnansweredQuestions,
      ["headteacher", "aht-digital"],
    ],
    ["publish an approved post", may.mayPublishPost, ["resources-manager", "aht-publicity"]],
  ] as const)("when someone wants to %s, then only %j may", (_what, rule, allowed) => {
    for (const role of [
      "headteacher",
      "aht-digital",
      "aht-publicity",
      "resources-manager",
      "chair-of-governors",
      "governor",
      "it-network-manager",
      "line-manager",
    ] as Role[]) {
      expect(rule(person(role))).toBe((allowed as readonly Role[]).includes(role));
    }
    expect(rule(person())).toBe(false);
  });

  test("when a post needs both keys, then each approver holds only their own", () => {
    expect(may.mayApprovePostAs(person("aht-publicity"))).toEqual(["aht-publicity"]);
    expect(may.mayApprovePostAs(person("headteacher"))).toEqual(["headteacher"]);
    expect(may.mayApprovePostAs(person())).toEqual([]);
  });

  test("when any member of staff wants to propose a post or report misuse, then they may", () => {
    expect(may.mayProposePost(person())).toBe(true);
    expect(may.mayReportMisuse(person())).toBe(true);
  });
});
