import {
  CURATED_FAINT_MARGIN,
  CURATED_FAINT_THRESHOLD,
  CURATED_MATCH_THRESHOLD,
  CURATED_OFFER_THRESHOLD,
  chooseCuratedAnswers,
  MAX_CURATED_OFFERS,
  matchCuratedAnswer,
  questionSimilarity,
  type CuratedAnswer,
} from "../../../../src/domain/qa/curatedAnswers";

const saved: CuratedAnswer[] = [
  {
    question: "Can I use TikTok to set homework for my class?",
    answer: "Not yet: set homework on Teams.",
    answeredBy: "L Hyde",
    answeredOn: "2026-11-01",
  },
  {
    question: "Is a photo from the staff Christmas party OK to post?",
    answer: "Ask everyone in it first.",
    answeredBy: "L Hyde",
    answeredOn: "2026-11-02",
  },
  {
    question: "What time does the canteen open?",
    answer: "8am; ask the office for changes.",
    answeredBy: "L Hyde",
    answeredOn: "2026-11-03",
  },
];

describe("matching saved answers of the policy owner", () => {
  test.each([
    ["can i set homework on tiktok for my class", 0],
    ["Can I post photos from the staff Christmas party?", 1],
    ["what time does the canteen open", 2],
  ])("when %j is asked, then the saved answer to the same question is reused", (question, i) => {
    expect(matchCuratedAnswer(question, saved)?.curated).toBe(saved[i]);
    expect(chooseCuratedAnswers(question, saved)).toEqual({
      reuse: { curated: saved[i], similarity: expect.any(Number) },
      offers: [],
    });
  });

  test.each([
    ["When does the canteen open?", 2],
    ["What time does the canteen open in the morning?", 2],
  ])(
    "when %j is only like a saved question, then its answer is offered, not given",
    (question, i) => {
      const choice = chooseCuratedAnswers(question, saved);
      expect(choice.reuse).toBeUndefined();
      expect(choice.offers.map((o) => o.curated)).toEqual([saved[i]]);
    },
  );

  test("when several saved questions are alike, then at most the most alike few are offered, best first", () => {
    const many = ["open", "open on Mondays", "open in the holidays", "open for staff"].map(
      (end, i) => ({
        question: `What time does the canteen ${end}?`,
        answer: String(i),
        answeredBy: "L Hyde",
        answeredOn: `2026-11-0${i + 1}`,
      }),
    );
    const { offers } = chooseCuratedAnswers("When does the canteen open on a Monday?", many);
    expect(offers).toHaveLength(MAX_CURATED_OFFERS);
    expect(offers[0]!.curated.answer).toBe("1");
    for (const o of offers) expect(o.similarity).toBeGreaterThanOrEqual(CURATED_OFFER_THRESHOLD);
    expect(offers[0]!.similarity).toBeGreaterThanOrEqual(offers[1]!.similarity);
  });

  test.each(["Can I use TikTok?", "When is the Christmas fair?"])(
    "when %j only shares a word with a saved question, then no saved answer is reused or offered",
    (question) => {
      expect(matchCuratedAnswer(question, saved)).toBeUndefined();
      expect(chooseCuratedAnswers(question, saved).offers).toEqual([]);
    },
  );

  test("when a question is faintly like one saved question and like no other, then that one is offered, not given", () => {
    const question = "When does the canteen close?";
    const similarity = questionSimilarity(question, saved[2]!.question);
    expect(similarity).toBeLessThan(CURATED_OFFER_THRESHOLD);
    expect(similarity).toBeGreaterThanOrEqual(CURATED_FAINT_THRESHOLD);
    expect(chooseCuratedAnswers(question, saved)).toEqual({
      offers: [{ curated: saved[2], similarity }],
    });
  });

  test("when a question is faintly like two saved questions alike, then neither is offered", () => {
    const question = "When does the canteen close?";
    const twice = [
      ...saved,
      { ...saved[2]!, question: "What time does the canteen shut on Fridays?", answer: "2pm." },
    ];
    const [a, b] = twice.slice(2).map((c) => questionSimilarity(question, c.question));
    expect(Math.min(a!, b!)).toBeGreaterThan(Math.max(a!, b!) / CURATED_FAINT_MARGIN);
    expect(chooseCuratedAnswers(question, twice).offers).toEqual([]);
  });

  test.each([
    ["What time does the library open?", "What time does the canteen open?"],
    ["Can I follow parents on Instagram?", "Can I follow pupils on Instagram?"],
  ])("when %j differs from %j in what it is about, then they are different questions", (a, b) => {
    expect(questionSimilarity(a, b)).toBeLessThan(CURATED_MATCH_THRESHOLD);
  });

  test("when the question asks about another platform, then the saved answer is not reused", () => {
    expect(
      matchCuratedAnswer("Can I use Facebook to set homework for my class?", saved),
    ).toBeUndefined();
  });

  test("when similarity is measured, then it is symmetric and 1 for the same words", () => {
    const a = "Can I use TikTok to set homework?";
    const b = "Can I use TikTok to set homework for my class?";
    expect(questionSimilarity(a, b)).toBeCloseTo(questionSimilarity(b, a), 10);
    expect(questionSimilarity(a, a)).toBe(1);
    expect(questionSimilarity("", a)).toBe(0);
  });

  test("when two saved answers match equally, then the newer one is used", () => {
    const older = { ...saved[2]!, answer: "7am", answeredOn: "2025-01-01" };
    expect(
      matchCuratedAnswer("What time does the canteen open?", [older, saved[2]!])?.curated,
    ).toBe(saved[2]);
  });

  test("when nothing has been saved, then nothing matches", () => {
    expect(matchCuratedAnswer("Can I use TikTok?", [])).toBeUndefined();
  });

  test("when the stored record carries more fields, then the match returns the record itself", () => {
    const records = saved.map((s, i) => ({ ...s, id: `c${i}` }));
    expect(matchCuratedAnswer("what time does the canteen open", records)?.curated.id).toBe("c2");
  });
});
