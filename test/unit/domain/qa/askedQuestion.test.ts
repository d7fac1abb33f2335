import { photoQuestion } from "../../../support/questionFixtures";
import type { Person } from "../../../../src/domain/people/person";
import {
  answerAsPolicyOwner,
  escalate,
  giveFeedback,
  isUnanswered,
  openSavedOffer,
  openSuggestion,
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

describe("a saved answer offered beside the policy's answer", () => {
  const saved = {
    id: "C-Q-1",
    question: "Can I wear my school lanyard in my TikTok videos?",
    answer: "Take it off before filming.",
    answeredBy: "Olu Owner",
    answeredOn: "2026-11-01",
  };
  const offered = (): AskedQuestion => {
    const q = question();
    return {
      ...q,
      shown: {
        ...q.shown,
        suggestions: [{ sectionId: "logos", heading: "Logos" }],
        savedOffers: [
          { id: saved.id, question: saved.question },
          { id: "C-Q-2", question: "Can I film TikToks in my classroom?" },
        ],
      },
    };
  };

  test("when the asker opens an offered saved answer, then it becomes the answer and the section quoted before stays a choice", () => {
    const opened = openSavedOffer(offered(), asker, saved.id, saved);
    expect(opened.ok && opened.value.changed).toBe(true);
    const q = opened.ok ? opened.value.question : undefined;
    expect(q).toMatchObject({ answered: true, source: "curated", citedHeadings: [] });
    expect(q?.shown.curated).toEqual(saved);
    expect(q?.shown.suggestions).toEqual([
      { sectionId: "photos", heading: "Photographs" },
      { sectionId: "logos", heading: "Logos" },
    ]);
    expect(q?.shown.savedOffers).toEqual([
      { id: "C-Q-2", question: "Can I film TikToks in my classroom?" },
    ]);
    // The same click again changes nothing.
    const again = openSavedOffer(q!, asker, saved.id, saved);
    expect(again.ok && again.value.changed).toBe(false);
  });

  test("when someone else clicks, a saved answer was not offered, or it is no longer kept, then it is refused", () => {
    const other = { ...asker, aadObjectId: "someone-else" };
    const refusals = [
      openSavedOffer(offered(), other, saved.id, saved),
      openSavedOffer(offered(), asker, "C-Q-forged", { ...saved, id: "C-Q-forged" }),
      openSavedOffer(offered(), asker, saved.id, undefined),
    ];
    expect(refusals.map((r) => (r.ok ? "accepted" : r.code))).toEqual([
      "QA.NOT_YOURS",
      "QA.NOT_OFFERED",
      "QA.SAVED_ANSWER_GONE",
    ]);
  });

  test("when the asker then opens a section instead, then the saved answer is offered again", () => {
    const opened = openSavedOffer(offered(), asker, saved.id, saved);
    const q = opened.ok ? opened.value.question : question();
    const back = openSuggestion(q, asker, "photos", {
      citations: [{ sectionId: "photos", heading: "Photographs", quote: "..." }],
      upcomingNote: null,
    });
    expect(back.ok && back.value.question.source).toBe("policy");
    expect(back.ok && back.value.question.shown.savedOffers).toEqual([
      { id: saved.id, question: saved.question },
      { id: "C-Q-2", question: "Can I film TikToks in my classroom?" },
    ]);
  });
});
