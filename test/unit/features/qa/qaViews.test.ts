import { photoQuestion } from "../../../support/questionFixtures";
import {
  answerAsPolicyOwner,
  escalate,
  giveFeedback,
  type AskedQuestion,
} from "../../../../src/domain/qa/askedQuestion";
import type { Decision } from "../../../../src/domain/result";
import { teamsQaCards } from "../../../../src/features/qa/cards/qaCards";
import { answerView, ownerQuestionView } from "../../../../src/features/qa/qaViews";
import { person } from "../../../support/people";

/*
 * The views of policy questions say what each person may still do with one; the card side
 * shows exactly that (a button only while the view allows it).
 */
const asker = person("asker");
const owner = person("owner", "aht-digital");
const at = "2026-11-20T10:00:00Z";
const tz = "Europe/London";
const value = (d: Decision<{ question: AskedQuestion }>): AskedQuestion => {
  if (!d.ok) throw new Error(d.reason);
  return d.value.question;
};
const asked = (source: AskedQuestion["source"]): AskedQuestion =>
  photoQuestion(asker.aadObjectId, at, source, [
    { sectionId: "photos", heading: "Photos", quote: "Only with consent." },
  ]);

describe("the asker's answer view", () => {
  test("when an answer was just given, then the asker may rate it and ask the policy owner, and the card offers both", () => {
    const view = answerView(asked("policy"), tz);
    expect(view).toMatchObject({ mayRate: true, mayAskOwner: true });
    expect(teamsQaCards.answerCard(view).data).toMatchObject({
      canGiveFeedback: true,
      canAskOwner: true,
    });
  });

  test("when the asker has rated it, then they may not rate again but may still ask the policy owner", () => {
    const rated = value(giveFeedback(asked("policy"), asker, "notHelpful", at));
    expect(answerView(rated, tz)).toMatchObject({ mayRate: false, mayAskOwner: true });
    expect(teamsQaCards.answerCard(answerView(rated, tz)).data).toMatchObject({
      canGiveFeedback: false,
      status: expect.stringMatching(/ask the policy owner/),
    });
  });

  test("when it was sent to the policy owner, then the asker may neither rate it nor send it again", () => {
    const sent = value(escalate(asked("policy"), asker, at));
    expect(answerView(sent, tz)).toMatchObject({ mayRate: false, mayAskOwner: false });
  });

  test("when the policy does not cover it, then there is nothing to rate, and the card says so", () => {
    const view = answerView(asked("none"), tz);
    expect(view).toMatchObject({ mayRate: false, mayAskOwner: true });
    expect(teamsQaCards.answerCard(view).template).toBe("policyNotCovered");
  });
});

describe("the policy owner's view of a question", () => {
  test("when it waits for an answer, then it may be answered; once answered, no longer", () => {
    const sent = value(escalate(asked("none"), asker, at));
    expect(ownerQuestionView(sent, asker, tz).mayAnswer).toBe(true);
    const answered = value(answerAsPolicyOwner(sent, owner, "It opens at 8am.", at, null));
    const view = ownerQuestionView(answered, asker, tz);
    expect(view.mayAnswer).toBe(false);
    expect(teamsQaCards.ownerCard(view).data).toMatchObject({ open: false, askedBy: "asker (D)" });
  });

  test("when the asker has left the roster, then the card says a former member of staff asked", () => {
    const sent = value(escalate(asked("none"), asker, at));
    expect(teamsQaCards.ownerCard(ownerQuestionView(sent, undefined, tz)).data).toMatchObject({
      askedBy: "A former member of staff",
    });
  });
});
