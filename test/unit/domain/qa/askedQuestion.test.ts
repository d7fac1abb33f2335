import { photoQuestion } from "../../../support/questionFixtures";
import type { Person } from "../../../../src/domain/people/person";
import {
  answerAsPolicyOwner,
  escalate,
  giveFeedback,
  isUnanswered,
  type AskedQuestion,
} from "../../../../src/domain/qa/askedQuestion";

const asker: Person = {
  aadObjectId: "asker",
  displayName: "Ann Asker",
  email: "a@s.example",
  roles: ["staff"],
  department: "Maths",
};
const owner: Person = {
  aadObjectId: "owner",
  displayName: "Olu Owner",
  email: "o@s.example",
  roles: ["aht-digital", "staff"],
  department: "SLT",
};
const at = "2026-11-02T09:00:00.000Z";

function question(source: AskedQuestion["source"] = "policy"): AskedQuestion {
  return photoQuestion(asker.aadObjectId, at, source, [
    { sectionId: "photos", heading: "Photographs", quote: "..." },
    { sectionId: "photos", heading: "Photographs", quote: "more" },
  ]);
}

describe("an asked question's life", () => {
  test.each([
    ["none", null, false],
    ["none", "helpful", false],
    ["none", "notHelpful", true],
    ["open", null, true],
    ["open", "notHelpful", true],
    ["answered", "notHelpful", false],
  ] as const)(
    "when escalation is %s and feedback %s, then unanswered is %s",
    (escalation, feedback, expected) => {
      expect(isUnanswered({ escalation, feedback })).toBe(expected);
    },
  );

  test("when a question is recorded, then its cited headings are listed once and it waits for nothing", () => {
    expect(question()).toMatchObject({
      answered: true,
      citedHeadings: ["Photographs"],
      escalation: "none",
      unanswered: false,
    });
    expect(question("none")).toMatchObject({ answered: false, citedHeadings: [] });
  });

  test("when the asker escalates and the owner answers, then the question is answered and off the list", () => {
    const sent = escalate(question(), asker, at);
    if (!sent.ok) throw new Error(sent.reason);
    expect(sent.value.question).toMatchObject({ escalation: "open", unanswered: true });
    const answered = answerAsPolicyOwner(
      sent.value.question,
      owner,
      " Only with parental consent. ",
      at,
      "C-Q-1",
    );
    if (!answered.ok) throw new Error(answered.reason);
    expect(answered.value.question).toMatchObject({
      escalation: "answered",
      ownerAnswer: "Only with parental consent.",
      answeredByName: "Olu Owner",
      curatedAnswerId: "C-Q-1",
      unanswered: false,
    });
  });

  test("when anyone but the asker rates or escalates, or anyone but the owner answers, then it is refused", () => {
    expect(giveFeedback(question(), owner, "helpful", at)).toMatchObject({
      ok: false,
      code: "QA.NOT_YOURS",
    });
    expect(escalate(question(), owner, at)).toMatchObject({ ok: false, code: "QA.NOT_YOURS" });
    const open = { ...question(), escalation: "open" as const, unanswered: true };
    expect(answerAsPolicyOwner(open, asker, "Yes.", at, null)).toMatchObject({
      ok: false,
      code: "QA.NOT_POLICY_OWNER",
    });
  });
});
